//! The respondent page's texts (`take.`).

catalog! {
    /// The respondent page's texts.
    Msg = "take" {
    // The page's frame.
    Language = "take.language": "Language",
    SurveyLanguageNote = "take.survey_language": "The team's questions are in {language}: they have not been translated into this language yet.",

    // Loading and opening the survey.
    Loading = "take.loading": "Loading the survey…",
    CannotOpen = "take.cannot_open": "This survey cannot be opened",
    NoOpenRound = "take.no_open_round": "There is no open round right now. Your facilitator opens one before the next survey; the link stays the same.",
    NoSurveyHere = "take.no_survey_here": "No survey on this device yet",
    NoSurveyHereText = "take.no_survey_here_text": "Set up a survey on this device (the standard team pulse takes one click), then pass the device around, or open the link your team shared.",
    SetUpSurvey = "take.set_up_survey": "Set up a survey",
    NotFound = "take.not_found": "Survey not found",
    NotFoundText = "take.not_found_text": "There is no team file at {url}. Check the link with whoever shared it.",
    OfflineCopy = "take.offline_copy": "You are offline: this is the survey as this phone last opened it. Your answers are kept on this phone and sent when you are back online.",
    RefusedTitle = "take.refused_title": "Answers sent earlier did not arrive in time",

    // The survey's header.
    RoundMeta = "take.round_meta": "{round} · {count} questions · {duration}",
    AboutOneMinute = "take.about_one_minute": "about 1 minute",
    AboutMinutes = "take.about_minutes": "about {minutes} minutes",
    SealedNote = "take.sealed_note": "Anonymous: your answers are locked on this phone before they are sent, and only the round's totals are ever shown: after the round closes, and only if at least {min} people answered. Nothing else is stored: not your name, your device or the time.",
    NotSealed = "take.not_sealed": "This survey is not sealed.",
    NotSealedText = "take.not_sealed_text": "Answers in this team file can be read by anyone who has its link, one by one. Ask your facilitator to seal it (in set-up) before you answer anything sensitive.",
    StaysOnDevice = "take.stays_on_device": "Answers stay on this device, in its team file, until the facilitator collects them.",
    GoesTo = "take.goes_to": "Your answers go to the team file on {host}.",
    UnknownServer = "take.unknown_server": "an unknown server",
    CameFromElsewhere = "take.came_from_elsewhere": "You came here from {from}, but this survey's file is on {host}. If you did not expect that, check the link with your facilitator before you answer.",
    SharedDevice = "take.shared_device": "Others use this phone or computer too: remember nothing of my answers here",

    // The form.
    ChangingSealed = "take.changing_sealed": "You are answering again: your earlier answers were sealed, so not even this phone can show them. Sending replaces them.",
    ChangingPlain = "take.changing_plain": "You are changing your earlier answers; sending replaces them.",
    QuestionsAnswered = "take.questions_answered": "Questions answered",
    Progress = "take.progress": "{answered} of {total} answered",
    AnythingToAdd = "take.anything_to_add": "Anything to add?",
    Optional = "take.optional": "(optional)",
    CommentHint = "take.comment_hint": "Please leave out names and anything else that could identify you or others.",
    CommentCount = "take.comment_count": "{count} / {max} characters",
    Sending = "take.sending": "Sending…",
    SendChanged = "take.send_changed": "Send changed answers",
    Send = "take.send": "Send answers",
    SendHint = "take.send_hint": "Answer at least one question to send. You may skip any question.",
    ClearAnswer = "take.clear_answer": "Clear answer",
    OptionLabel = "take.option": "{value}, {label}",
    StronglyDisagree = "take.scale_strongly_disagree": "Strongly disagree",
    Disagree = "take.scale_disagree": "Disagree",
    SomewhatDisagree = "take.scale_somewhat_disagree": "Somewhat disagree",
    Neither = "take.scale_neither": "Neither agree nor disagree",
    SomewhatAgree = "take.scale_somewhat_agree": "Somewhat agree",
    Agree = "take.scale_agree": "Agree",
    StronglyAgree = "take.scale_strongly_agree": "Strongly agree",

    // After sending.
    ThankYou = "take.thank_you": "Thank you",
    Saved = "take.saved": "Your answers were saved to the team file.",
    KeptOffline = "take.kept_offline": "Your answers are kept on this phone and will be sent when you are back online.",
    KeptBecause = "take.kept_because": "Your answers are kept on this phone and will be sent again later: {why}",
    PassOnNothingKept = "take.pass_on_nothing_kept": "Nothing of your answers is kept on this device to show again. Passing it on? The next person starts with an empty form.",
    PassOnWaiting = "take.pass_on_waiting": "Your answers wait on this device until they can be sent. Passing it on? The next person starts with an empty form.",
    NextPerson = "take.next_person": "Next person",
    CanChange = "take.can_change": "You can change or withdraw your answers from this phone while the round is open.",
    BackToSurvey = "take.back_to_survey": "Back to the survey",

    // Answered before, changed, withdrawn.
    AnsweredTitle = "take.answered_title": "You answered this round",
    AnsweredText = "take.answered_text": "This phone remembers that it answered (the team file does not say who). While the round is open you can change or withdraw your answers.",
    ChangeMine = "take.change_mine": "Change my answers",
    WithdrawMine = "take.withdraw_mine": "Withdraw my answers",
    NotYou = "take.not_you": "Not you?",
    SomeoneElse = "take.someone_else": "Answer as someone else on this shared device",
    WithdrawnTitle = "take.withdrawn_title": "Your answers are withdrawn",
    WithdrawnSaved = "take.withdrawn_saved": "They no longer count in this round's results.",
    WithdrawnKept = "take.withdrawn_kept": "The withdrawal is kept on this phone and will be sent when you are back online.",
    AnswerAgain = "take.answer_again": "Answer again",
    }
}
