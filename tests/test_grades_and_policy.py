"""Grades, stages, the provincial policy, registration in a grade, and progression.

Each test is named after what the rule prevents: a pupil too young for grade 1, a primary
pupil at a senior school, a grade change across a stage, a graduation from the middle of
a stage, a 五四制 graduate entering a 六三制 junior school.
"""

from __future__ import annotations

import pytest
from registry_cast import (
    CENTRAL,
    ENROLLED_ON,
    JUNIOR,
    SCHOOL,
    SENIOR,
    SENIOR_ONLY,
    SHANGHAI_JUNIOR,
    SPECIAL,
    D,
    enrolled,
    registrar,
)

from xueji import (
    STAGES_TAUGHT,
    Action,
    DedupResult,
    GradeChange,
    IllegalTransition,
    InvalidValue,
    MonthDay,
    NotAuthorized,
    Policy,
    Reason,
    Record,
    School,
    SchoolCategory,
    Sex,
    Stage,
    Status,
    Student,
    advance_grade,
    advance_grades,
    change_status,
    graduated_stage,
    move_down,
    progress,
    register,
    repeat_grade,
    set_grade,
    skip_grade,
    stages_taught,
)
from xueji.policy import add_months
from xueji.stage import first_grade, last_grade, next_stage, stage_of

#: 五四制: primary school lasts five years.
FIVE_FOUR = Policy(name="五四制试点", primary_years=5)


# grades and stages


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (6, [Stage.PRIMARY] * 6 + [Stage.JUNIOR] * 3 + [Stage.SENIOR] * 3),
        (5, [Stage.PRIMARY] * 5 + [Stage.JUNIOR] * 4 + [Stage.SENIOR] * 3),
    ],
)
def test_a_grade_belongs_to_one_stage_under_each_school_system(
    years: int, expected: list[Stage]
) -> None:
    assert [stage_of(g, primary_years=years) for g in range(1, 13)] == expected
    for stage in Stage:
        grades = [g for g in range(1, 13) if expected[g - 1] is stage]
        assert (
            first_grade(stage, primary_years=years),
            last_grade(stage, primary_years=years),
        ) == (
            grades[0],
            grades[-1],
        )
    assert [next_stage(s) for s in Stage] == [Stage.JUNIOR, Stage.SENIOR, None]


@pytest.mark.parametrize("grade", [0, 13, "3", 3.0, True, None])
def test_a_grade_outside_one_to_twelve_is_refused(grade: object) -> None:
    with pytest.raises(InvalidValue):
        stage_of(grade, primary_years=6)  # type: ignore[arg-type]
    if grade is not None:
        with pytest.raises(InvalidValue):
            enrolled(grade=grade)  # type: ignore[arg-type]


def test_no_school_outside_basic_education_teaches_a_stage() -> None:
    for category in (
        SchoolCategory.KINDERGARTEN,
        SchoolCategory.REGULAR_HIGHER,
        SchoolCategory.ADULT_HIGHER,
        SchoolCategory.RESEARCH_INSTITUTE,
        SchoolCategory.PRIVATE_HIGHER_OTHER,
        SchoolCategory.VOCATIONAL_TRAINING,
    ):
        assert STAGES_TAUGHT[category] == frozenset()
    assert set(STAGES_TAUGHT) == set(SchoolCategory)
    assert stages_taught(SENIOR) == {Stage.JUNIOR, Stage.SENIOR}  # 完全中学
    with pytest.raises(InvalidValue):
        stages_taught("34")  # type: ignore[arg-type]


def test_a_record_knows_its_stage_from_its_grade() -> None:
    assert enrolled(grade=6).stage is Stage.PRIMARY
    assert enrolled(school=JUNIOR, grade=6, policy=FIVE_FOUR).stage is Stage.JUNIOR
    assert enrolled(grade=None).stage is None


# registration


def test_a_primary_pupil_is_not_registered_at_a_senior_school() -> None:
    with pytest.raises(InvalidValue) as excinfo:
        enrolled(school=SENIOR, grade=3)
    assert excinfo.value.reason is Reason.WRONG_STAGE
    assert enrolled(school=SENIOR, grade=8).stage is Stage.JUNIOR


def test_a_pupil_too_young_for_grade_one_needs_an_approval_that_the_history_keeps() -> None:
    """Six by 31 August of the school year (national default); born 1 September is late."""
    assert enrolled(grade=1, born=D(2015, 8, 31)).grade == 1
    with pytest.raises(InvalidValue) as excinfo:
        enrolled(grade=1, born=D(2015, 9, 1))
    assert excinfo.value.reason is Reason.UNDER_AGE
    with pytest.raises(InvalidValue):
        register(
            Student("王小明", Sex.MALE, D(2015, 9, 1)), school=SCHOOL, by=registrar(SCHOOL),
            on=ENROLLED_ON, dedup=DedupResult(), taken=(), grade=1, age_approval="  ",
        )  # fmt: skip
    record = register(
        Student("王小明", Sex.MALE, D(2015, 9, 1)), school=SCHOOL, by=registrar(SCHOOL),
        on=ENROLLED_ON, dedup=DedupResult(), taken=(), grade=1, age_approval="朝教发〔2021〕12号",
    )  # fmt: skip
    assert record.history[0].after["age_approval"] == "朝教发〔2021〕12号"
    # The age rule is for grade 1: a pupil registered later (补建学籍) is not measured by it.
    assert enrolled(grade=2, born=D(2016, 1, 1)).grade == 2


def test_a_province_with_a_later_cut_off_admits_a_december_birthday() -> None:
    later = Policy(name="某省", entry_cutoff=MonthDay(12, 31))
    assert enrolled(grade=1, born=D(2015, 12, 31), policy=later).grade == 1
    with pytest.raises(InvalidValue):
        enrolled(grade=1, born=D(2016, 1, 1), policy=later)


def test_a_pupil_born_on_29_february_meets_the_entry_age_from_1_march_in_a_common_year() -> None:
    policy = Policy(name="某省", entry_cutoff=MonthDay(2, 28))
    assert not policy.meets_entry_age(D(2016, 2, 29), on=D(2022, 9, 1))
    policy = Policy(name="某省", entry_cutoff=MonthDay(3, 1))
    assert policy.meets_entry_age(D(2016, 2, 29), on=D(2022, 9, 1))
    policy = Policy(name="某省", entry_cutoff=MonthDay(2, 28))
    assert not policy.meets_entry_age(D(2016, 2, 29), on=D(2022, 9, 1))
    assert Policy(name="某省", entry_cutoff=MonthDay(3, 1)).meets_entry_age(
        D(2016, 2, 29), on=D(2022, 9, 1)
    )


def test_the_school_year_of_a_day_decides_which_cut_off_applies() -> None:
    assert Policy.NATIONAL.school_year(D(2022, 8, 31)) == 2021
    assert Policy.NATIONAL.school_year(D(2022, 9, 1)) == 2022
    assert Policy.NATIONAL.entry_cutoff_for(D(2022, 3, 1)) == D(2021, 8, 31)


# the policy value


def test_the_national_policy_and_liaonings() -> None:
    national, liaoning = Policy.NATIONAL, Policy.LIAONING
    assert (national.entry_age, national.entry_cutoff, national.primary_years) == (
        6,
        MonthDay(8, 31),
        6,
    )
    assert national.transfer_freeze == (MonthDay(7, 15), MonthDay(8, 14))
    assert (national.step_days, national.suspension_months, national.extensions) == (10, 12, 1)
    assert national.graduating_term_suspension is True
    assert national.dropout_absence_weeks is None
    assert national.grade_changes == {GradeChange.MOVE_DOWN}
    assert (liaoning.province, liaoning.suspension_months, liaoning.extension_months) == (
        "21",
        12,
        12,
    )
    assert (liaoning.extensions, liaoning.dropout_absence_weeks) == (1, 4)
    assert liaoning.graduating_term_suspension is False


def test_a_yearly_window_may_run_over_the_new_year() -> None:
    winter = Policy(name="某省", transfer_freeze=(MonthDay(12, 20), MonthDay(1, 10)))
    assert winter.in_transfer_freeze(D(2022, 12, 25))
    assert winter.in_transfer_freeze(D(2023, 1, 5))
    assert not winter.in_transfer_freeze(D(2023, 1, 11))


def test_the_second_term_runs_from_february_to_the_end_of_the_school_year() -> None:
    national = Policy.NATIONAL
    assert national.in_second_term(D(2023, 2, 1))
    assert national.in_second_term(D(2023, 8, 31))
    assert not national.in_second_term(D(2023, 9, 1))
    assert not national.in_second_term(D(2023, 1, 31))


@pytest.mark.parametrize(("month", "day"), [(2, 29), (4, 31), (13, 1), (0, 1), ("8", 31)])
def test_a_yearly_day_that_some_year_lacks_is_refused(month: object, day: object) -> None:
    with pytest.raises(InvalidValue):
        MonthDay(month, day)  # type: ignore[arg-type]


def test_adding_months_keeps_to_the_month_end_and_the_calendar_end() -> None:
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2023, 12, 15), 1) == D(2024, 1, 15)
    assert add_months(D(9999, 6, 1), 12) == D.max


# the grade steps


def test_the_rollover_is_the_central_role_s_and_the_last_grade_graduates_instead() -> None:
    record = enrolled(grade=5)
    with pytest.raises(NotAuthorized) as excinfo:
        advance_grade(record, by=registrar(SCHOOL), on=D(2022, 8, 10))
    assert excinfo.value.reason is Reason.WRONG_ROLE
    sixth = advance_grade(record, by=CENTRAL, on=D(2022, 8, 10))
    assert sixth.grade == 6
    with pytest.raises(IllegalTransition) as last:
        advance_grade(sixth, by=CENTRAL, on=D(2023, 8, 10))
    assert last.value.reason is Reason.LAST_GRADE
    with pytest.raises(IllegalTransition) as unknown:
        advance_grade(enrolled(grade=None), by=CENTRAL, on=D(2022, 8, 10))
    assert unknown.value.reason is Reason.GRADE_UNKNOWN


def test_a_rollover_batch_advances_who_it_can_and_says_why_not_for_the_others() -> None:
    fifth, sixth, unknown = enrolled(grade=5), enrolled(grade=6), enrolled(grade=None)
    away = change_status(fifth, Action.GO_ABROAD, by=registrar(SCHOOL), on=D(2022, 1, 1))
    rollover = advance_grades([fifth, sixth, unknown, away], by=CENTRAL, on=D(2022, 8, 10))
    assert [r.grade for r in rollover.advanced] == [6]
    assert [(r, e.reason) for r, e in rollover.refused] == [
        (sixth, Reason.LAST_GRADE),
        (unknown, Reason.GRADE_UNKNOWN),
        (away, Reason.ILLEGAL_TRANSITION),
    ]
    with pytest.raises(NotAuthorized):
        advance_grades([fifth], by=registrar(SCHOOL), on=D(2022, 8, 10))
    with pytest.raises(InvalidValue):
        advance_grades(fifth, by=CENTRAL, on=D(2022, 8, 10))  # type: ignore[arg-type]


def test_repeating_and_skipping_are_refused_unless_the_province_switches_them_on() -> None:
    record = enrolled(grade=3)
    for change in (repeat_grade, skip_grade):
        with pytest.raises(IllegalTransition) as excinfo:
            change(record, by=registrar(SCHOOL), on=D(2022, 1, 1))
        assert excinfo.value.reason is Reason.NOT_IN_POLICY
    lenient = Policy(name="某省", grade_changes={GradeChange.REPEAT, GradeChange.SKIP})
    assert repeat_grade(record, by=registrar(SCHOOL), on=D(2022, 1, 1), policy=lenient).grade == 2
    assert skip_grade(record, by=registrar(SCHOOL), on=D(2022, 1, 1), policy=lenient).grade == 4


def test_no_grade_change_crosses_a_stage_boundary() -> None:
    lenient = Policy(name="某省", grade_changes=frozenset(GradeChange))
    cases = [
        (repeat_grade, enrolled(school=JUNIOR, grade=7)),  # 7 → 6 would be primary
        (skip_grade, enrolled(school=SCHOOL, grade=6)),  # 6 → 7 would be junior
        (repeat_grade, enrolled(school=SCHOOL, grade=1)),
        (move_down, enrolled(school=SPECIAL, grade=10)),  # 10 → 9 would be junior
    ]
    for change, record in cases:
        with pytest.raises(IllegalTransition) as excinfo:
            change(record, by=registrar(record.school), on=D(2022, 1, 1), policy=lenient)
        assert excinfo.value.reason is Reason.STAGE_BOUNDARY


def test_only_a_special_education_school_moves_a_student_down_a_grade() -> None:
    assert (
        move_down(enrolled(school=SPECIAL, grade=4), by=registrar(SPECIAL), on=D(2022, 1, 1)).grade
        == 3
    )
    with pytest.raises(IllegalTransition) as excinfo:
        move_down(enrolled(grade=4), by=registrar(SCHOOL), on=D(2022, 1, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE


def test_a_grade_is_set_once_on_a_record_registered_without_one() -> None:
    record = enrolled(school=SENIOR, grade=None)
    with pytest.raises(IllegalTransition) as excinfo:
        set_grade(record, 3, by=registrar(SENIOR), on=D(2022, 1, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE
    graded = set_grade(record, 11, by=registrar(SENIOR), on=D(2022, 1, 1))
    assert (graded.grade, graded.stage) == (11, Stage.SENIOR)
    with pytest.raises(IllegalTransition):
        set_grade(graded, 12, by=registrar(SENIOR), on=D(2022, 2, 1))


def test_graduation_only_from_the_last_grade_when_the_grade_is_known() -> None:
    for action in (Action.GRADUATE, Action.COMPLETE):
        with pytest.raises(IllegalTransition) as excinfo:
            change_status(enrolled(grade=5), action, by=registrar(SCHOOL), on=D(2022, 6, 30))
        assert excinfo.value.reason is Reason.NOT_LAST_GRADE
    assert (
        change_status(
            enrolled(grade=None), Action.GRADUATE, by=registrar(SCHOOL), on=D(2022, 6, 30)
        ).status
        is Status.GRADUATED
    )
    five_four = enrolled(school=JUNIOR, grade=5, policy=FIVE_FOUR)
    assert (
        change_status(five_four, Action.GRADUATE, by=registrar(JUNIOR), on=D(2022, 6, 30)).status
        is Status.GRADUATED
    )


# progression (升学)


def graduated(school: School = SCHOOL, grade: int | None = 6, **kw: object) -> Record:
    record = enrolled(school=school, grade=grade, **kw)  # type: ignore[arg-type]
    return change_status(record, Action.GRADUATE, by=registrar(school), on=D(2022, 6, 30))


def test_only_a_graduate_progresses() -> None:
    with pytest.raises(IllegalTransition) as excinfo:
        progress(enrolled(grade=6), to_school=JUNIOR, by=registrar(JUNIOR), on=D(2022, 9, 1))
    assert excinfo.value.state == "enrolled"
    left = change_status(
        enrolled(school=SENIOR_ONLY, grade=11),
        Action.LEAVE,
        by=registrar(SENIOR_ONLY),
        on=D(2022, 1, 1),
    )
    with pytest.raises(IllegalTransition):
        progress(left, to_school=SENIOR, by=registrar(SENIOR), on=D(2022, 9, 1))


def test_a_primary_graduate_goes_to_a_school_that_teaches_junior_secondary() -> None:
    with pytest.raises(IllegalTransition) as excinfo:
        progress(graduated(), to_school=SCHOOL, by=registrar(SCHOOL), on=D(2022, 9, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE
    record = progress(graduated(), to_school=SENIOR, by=registrar(SENIOR), on=D(2022, 9, 1))
    assert (record.school, record.grade, record.stage) == (SENIOR, 7, Stage.JUNIOR)


def test_a_five_four_primary_graduate_does_not_enter_a_six_three_junior_school() -> None:
    five_four = graduated(JUNIOR, 5, policy=FIVE_FOUR)
    with pytest.raises(IllegalTransition) as excinfo:
        progress(five_four, to_school=SENIOR, by=registrar(SENIOR), on=D(2022, 9, 1))
    assert excinfo.value.reason is Reason.WRONG_STAGE
    record = progress(
        five_four, to_school=SENIOR, by=registrar(SENIOR), on=D(2022, 9, 1), policy=FIVE_FOUR
    )
    assert (record.grade, record.stage, record.primary_years) == (6, Stage.JUNIOR, 5)


def test_progression_across_provinces_starts_only_in_its_windows() -> None:
    record = graduated()
    with pytest.raises(IllegalTransition) as excinfo:
        progress(
            record, to_school=SHANGHAI_JUNIOR, by=registrar(SHANGHAI_JUNIOR), on=D(2022, 7, 20)
        )
    assert excinfo.value.reason is Reason.OUT_OF_WINDOW
    moved = progress(
        record, to_school=SHANGHAI_JUNIOR, by=registrar(SHANGHAI_JUNIOR), on=D(2022, 8, 15)
    )
    assert moved.school == SHANGHAI_JUNIOR
    # Within a province there is no window.
    assert progress(record, to_school=JUNIOR, by=registrar(JUNIOR), on=D(2022, 7, 20)).grade == 7


def test_a_graduate_without_a_grade_graduated_from_the_highest_stage_the_school_teaches() -> None:
    assert graduated_stage(graduated(SCHOOL, None)) is Stage.PRIMARY
    assert graduated_stage(graduated(SENIOR, None)) is Stage.SENIOR
    assert graduated_stage(enrolled(grade=3)) is None


def test_progression_keeps_the_number_student_history_and_continuity() -> None:
    record = graduated()
    moved = progress(record, to_school=JUNIOR, by=registrar(JUNIOR), on=D(2022, 9, 1))
    assert (moved.number, moved.student) == (record.number, record.student)
    assert moved.history[: len(record.history)] == record.history
    assert moved.continuous_since == record.continuous_since
    handover = moved.history[-1]
    assert (handover.kind, handover.by) == ("progress", registrar(JUNIOR))
    assert (handover.before["school"], handover.after["school"]) == (SCHOOL, JUNIOR)
    assert (handover.before["status"], handover.after["status"]) == (
        Status.GRADUATED,
        Status.ENROLLED,
    )
