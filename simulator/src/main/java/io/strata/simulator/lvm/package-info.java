/**
 * Simulated lvm2 (2.03): {@code lvs/vgs/pvs} reports in lvm2's JSON and column formats, {@code
 * lvcreate} (thick, thin, snapshots), {@code lvextend/lvresize}, {@code lvremove}, {@code
 * lvchange}, with lvm2's rules, texts and exit codes (5 for failed commands, 3 for bad arguments),
 * and the {@code --config 'devices { filter=[…] }'} device filter.
 */
package io.strata.simulator.lvm;
