"""Repair templates: each looks at one suspicious line and proposes edits (``Edit``) with a tier.

Tier 1 edits (operator swaps, ``± 1``, constants, a running minimum's or maximum's start at infinity, a
returned count the function never moves counted in its loop, an empty container of the kind its methods
say, a loop variable the body never reads) are tried before tier 2 (other variables,
a recursive call's list accumulator grown by the call's other argument, statement moves, base cases,
slices, call arguments and defaults, a sibling's return value, a returned count ``± 1``, mirrored
expressions), tier 3 (guards, duplicates, builtin call wraps, clamps, statements and expressions from the
same function, guard clauses, state updates) and tier 4 (ingredients from the rest of the file,
synthesised comparison clauses, missing terms) at every location. Pairs of tier-1 edits come from
``pairs``, not from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.accumulators import grown_accumulators
from agentfleet.flow.fixers.repair.templates.calls import call_arguments, missing_call, rebind_parameter, yielded_copy
from agentfleet.flow.fixers.repair.templates.conditions import condition_clauses
from agentfleet.flow.fixers.repair.templates.containers import container_kinds
from agentfleet.flow.fixers.repair.templates.defaults import call_defaults, clamps
from agentfleet.flow.fixers.repair.templates.extremes import extreme_starts
from agentfleet.flow.fixers.repair.templates.guards import base_cases, none_guards
from agentfleet.flow.fixers.repair.templates.ingredients import ingredient_expressions, ingredient_statements
from agentfleet.flow.fixers.repair.templates.loops import unused_loop_variables
from agentfleet.flow.fixers.repair.templates.magnitudes import sign_magnitudes
from agentfleet.flow.fixers.repair.templates.mirrors import mirrored_statements
from agentfleet.flow.fixers.repair.templates.names import (
    extra_call,
    swapped_arguments,
    wrong_attribute,
    wrong_function,
    wrong_variable,
)
from agentfleet.flow.fixers.repair.templates.operators import (
    arithmetic_operators,
    boolean_operators,
    comparison_operators,
    negations,
    precedence_slips,
)
from agentfleet.flow.fixers.repair.templates.returns import return_arithmetic, return_values
from agentfleet.flow.fixers.repair.templates.slices import slice_index, sliced_names
from agentfleet.flow.fixers.repair.templates.stacks import stack_pushes
from agentfleet.flow.fixers.repair.templates.statements import (
    copy_after_loop,
    delete_statement,
    duplicate_statement,
    missing_return,
    move_statement,
)
from agentfleet.flow.fixers.repair.templates.terms import lost_assignments, missing_terms, range_steps, squared_operands
from agentfleet.flow.fixers.repair.templates.updates import (
    counter_updates,
    digit_shifts,
    if_to_while,
    loop_steps,
    loop_updates,
    membership_guards,
    membership_updates,
)
from agentfleet.flow.fixers.repair.templates.values import boundaries, constants, slice_bounds

__all__ = ["TEMPLATES", "Template", "edits_at"]

Template = Callable[[Site], Iterator[Edit]]

TEMPLATES: tuple[Template, ...] = (
    comparison_operators,
    boundaries,
    arithmetic_operators,
    boolean_operators,
    negations,
    lost_assignments,
    precedence_slips,
    constants,
    slice_bounds,
    container_kinds,
    unused_loop_variables,
    wrong_function,
    swapped_arguments,
    missing_return,
    grown_accumulators,
    base_cases,
    wrong_variable,
    wrong_attribute,
    move_statement,
    delete_statement,
    if_to_while,
    none_guards,
    extra_call,
    duplicate_statement,
    copy_after_loop,
    mirrored_statements,
    slice_index,
    sliced_names,
    call_arguments,
    call_defaults,
    range_steps,
    return_values,
    return_arithmetic,
    extreme_starts,
    sign_magnitudes,
    ingredient_expressions,
    rebind_parameter,
    clamps,
    condition_clauses,
    ingredient_statements,
    membership_updates,
    membership_guards,
    stack_pushes,
    loop_updates,
    loop_steps,
    digit_shifts,
    counter_updates,
    missing_call,
    yielded_copy,
    missing_terms,
    squared_operands,
)
"""Every template, in the order their edits are tried within a tier."""


def edits_at(site: Site, templates: Sequence[Template] = TEMPLATES) -> list[Edit]:
    """Every edit ``templates`` propose at ``site``, ordered by tier (stable within a tier)."""
    edits = [edit for template in templates for edit in template(site)]
    return sorted(edits, key=lambda edit: edit.tier)
