/**
 * The one edge where Strata touches a node: {@link io.strata.executors.host.Host}, with a local
 * process implementation, an SSH implementation and the simulated node. Commands are argv lists,
 * never shell strings; secrets travel on stdin.
 */
package io.strata.executors.host;
