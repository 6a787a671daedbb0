"""URLs of the administration area for program staff, mounted at /manage/."""

from django.urls import path

from mentorwise.administration.views import (
    home,
    lifecycle,
    matching,
    organization,
    participants,
    programs,
    questions,
    rounds,
)

app_name = "manage"
urlpatterns = [
    path("", home.home, name="home"),
    # Organization settings
    path("o/<str:org_id>/join-code/", organization.join_code, name="join-code"),
    path("o/<str:org_id>/administrators/", organization.administrators, name="administrators"),
    path(
        "o/<str:org_id>/administrators/<str:user_id>/role/",
        organization.member_role,
        name="member-role",
    ),
    path("o/<str:org_id>/guides/", organization.guides, name="guides"),
    path("o/<str:org_id>/guides/<slug:kind>/", organization.guide_edit, name="guide-edit"),
    path("o/<str:org_id>/programs/new/", programs.program_create_view, name="program-create"),
    # Programs
    path("programs/<str:program_id>/edit/", programs.program_edit, name="program-edit"),
    path("programs/<str:program_id>/questions/", questions.questions, name="questions"),
    path(
        "programs/<str:program_id>/questions/new/",
        questions.question_create,
        name="question-create",
    ),
    path(
        "programs/<str:program_id>/fifteen-questions/",
        questions.fifteen_questions,
        name="fifteen-questions",
    ),
    path(
        "programs/<str:program_id>/participants/",
        participants.participants,
        name="participants",
    ),
    path("programs/<str:program_id>/concerns/", lifecycle.concerns, name="concerns"),
    path("programs/<str:program_id>/mentorships/", lifecycle.mentorships, name="mentorships"),
    path("programs/<str:program_id>/requests/", lifecycle.pending_requests, name="requests"),
    # Rows of a program
    path("questions/<str:question_id>/edit/", questions.question_edit, name="question-edit"),
    path(
        "questions/<str:question_id>/delete/",
        questions.question_delete_view,
        name="question-delete",
    ),
    path("questions/<str:question_id>/move/", questions.question_move_view, name="question-move"),
    path(
        "participants/<str:participant_id>/status/",
        participants.participant_status,
        name="participant-status",
    ),
    path(
        "participants/<str:participant_id>/block/",
        lifecycle.participant_block_view,
        name="participant-block",
    ),
    path("mentorships/<str:mentorship_id>/", lifecycle.mentorship_detail, name="mentorship"),
    path(
        "mentorships/<str:mentorship_id>/pause/",
        lifecycle.mentorship_pause_view,
        name="mentorship-pause",
    ),
    path(
        "mentorships/<str:mentorship_id>/resume/",
        lifecycle.mentorship_resume_view,
        name="mentorship-resume",
    ),
    path(
        "mentorships/<str:mentorship_id>/extend/",
        lifecycle.mentorship_extend_view,
        name="mentorship-extend",
    ),
    path(
        "mentorships/<str:mentorship_id>/end/", lifecycle.mentorship_end_view, name="mentorship-end"
    ),
    path(
        "rematch-requests/<str:rematch_id>/handle/",
        lifecycle.rematch_handle_view,
        name="rematch-handle",
    ),
    path(
        "concerns/<str:concern_id>/resolve/",
        lifecycle.concern_resolve_view,
        name="concern-resolve",
    ),
    # Matching: runs of the algorithm and selection rounds
    path("programs/<str:program_id>/matching/", matching.matching_home, name="matching"),
    path("programs/<str:program_id>/matching/run/", matching.run_create_view, name="run-create"),
    path(
        "programs/<str:program_id>/matching/criteria/",
        matching.match_importance_view,
        name="match-importance",
    ),
    path("programs/<str:program_id>/rounds/new/", rounds.round_open_view, name="round-open"),
    path("runs/<str:run_id>/", matching.run_detail, name="run"),
    path("runs/<str:run_id>/progress/", matching.run_progress, name="run-progress"),
    path("runs/<str:run_id>/rerun/", matching.run_rerun_view, name="run-rerun"),
    path("runs/<str:run_id>/discard/", matching.run_discard_view, name="run-discard"),
    path("runs/<str:run_id>/publish/", matching.run_publish_view, name="run-publish"),
    path("runs/<str:run_id>/pairs/add/", matching.proposal_add_view, name="proposal-add"),
    path("pairs/<str:proposal_id>/lock/", matching.proposal_lock_view, name="proposal-lock"),
    path("pairs/<str:proposal_id>/remove/", matching.proposal_remove_view, name="proposal-remove"),
    path("pairs/<str:proposal_id>/swap/", matching.proposal_swap_view, name="proposal-swap"),
    path("rounds/<str:round_id>/", rounds.round_detail, name="round"),
    path("rounds/<str:round_id>/advance/", rounds.round_advance_view, name="round-advance"),
    path("rounds/<str:round_id>/finish/", rounds.round_finish_view, name="round-finish"),
]
