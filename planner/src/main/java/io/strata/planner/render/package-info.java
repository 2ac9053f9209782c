/**
 * Human renderings of a Plan: {@link io.strata.planner.render.TextRenderer} for terminals
 * (Terraform-like, colours optional) and {@link io.strata.planner.render.MarkdownRenderer} for
 * pull-request comments (bounded in size). Both take the Plan and a {@link
 * io.strata.planner.plan.CommandPreview} and are pure functions of them: the same inputs give the
 * same bytes. The JSON rendering lives in {@code io.strata.planner.json}.
 */
package io.strata.planner.render;
