//! Every text of the interface that has been made translatable, one catalog per page (so a
//! page carries only its own English and fetches only its own part of a language file), each
//! text with its key in the language files and its English. One list per catalog, so a key
//! cannot drift from its text; the completeness test (`i18n::tests`) holds every language
//! file to every catalog.
//!
//! Texts are whole sentences with named placeholders (`{count}`), never pieces glued
//! together, so each language orders its words its own way, and a translation may phrase a
//! count so that it needs no plural forms (`Fragen: {count}`). A key starts with its
//! catalog's part (`take.`, `results.`): the build splits each language file by it.

macro_rules! catalog {
    ($(#[$doc:meta])* $name:ident = $part:literal {
        $($variant:ident = $key:literal : $english:literal,)+
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
        }

        impl super::Catalog for $name {
            const PART: &'static str = $part;
            const ALL: &'static [Self] = &[$(Self::$variant,)+];

            fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)+
                }
            }

            fn english(self) -> &'static str {
                match self {
                    $(Self::$variant => $english,)+
                }
            }

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

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

catalog! {
    /// The results page's texts: the page, the dashboard's cards and retro mode (drawn on the
    /// page or in the reader worker, which gets the same language file).
    ResultsMsg = "results" {
        // Numbers and punctuation.
        DecimalSeparator = "results.decimal_separator": ".",
        Percent = "results.percent": "{value}%",
        ListComma = "results.list_comma": ", ",
        ListSemicolon = "results.list_semicolon": "; ",
        FullStop = "results.full_stop": ".",
        ListAnd = "results.list_and": "{first} and {last}",

        // The numbers in words.
        AgreementNone = "results.agreement_none": "people see this very differently",
        AgreementWeak = "results.agreement_weak": "weak agreement",
        AgreementModerate = "results.agreement_moderate": "moderate agreement",
        AgreementStrong = "results.agreement_strong": "strong agreement",
        AgreementVeryStrong = "results.agreement_very_strong": "very strong agreement",
        ChangeUp = "results.change_up": "likely up since {round}",
        ChangeDown = "results.change_down": "likely down since {round}",
        ChangeNone = "results.change_none": "no clear change since {round}",
        VerdictUp = "results.verdict_up": "likely up",
        VerdictDown = "results.verdict_down": "likely down",
        VerdictNone = "results.verdict_none": "no clear change",
        SentenceExact = "results.sentence_exact": "{dimension}: {mean} of {scale} (everyone answered)",
        SentenceInterval = "results.sentence_interval": "{dimension}: {mean} of {scale} (likely between {low} and {high})",
        SentenceMean = "results.sentence_mean": "{dimension}: {mean} of {scale}",
        AnsweredOf = "results.answered_of": "{count} of {size} people answered ({rate})",
        Answered = "results.answered": "{count} people answered",
        OneAnswer = "results.one_answer": "1 answer",
        Answers = "results.answers": "{count} answers",
        Collecting = "results.collecting": "collecting: {answers} so far, results after the round closes",
        WaitingForRelease = "results.waiting_for_release": "closed with {answers}: waiting for the key holder to release the results",
        TooFewNotShown = "results.too_few_not_shown": "fewer than {min} answers, not shown",
        RoundNotShown = "results.round_not_shown": "{round}: {why}.",
        NoRounds = "results.no_rounds": "There are no rounds yet. Open a round and share the link to collect answers.",
        NoResultsYet = "results.no_results_yet": "No results yet. {what}",
        NoRoundReached = "results.no_round_reached": "No round has reached {min} answers yet, so there are no results to show: small groups stay anonymous.",
        SummaryOpening = "results.summary_opening": "In {round}, {answered}.",
        DimensionTooFew = "results.dimension_too_few": "{dimension}: fewer than {min} answers, not shown.",

        // The summary card.
        OfflineCopy = "results.offline_copy": "You are offline: these are the results as this device last read the team file. Answers given since then are not in them yet.",
        HowToRead = "results.how_to_read": "Scores run from 1 to {scale}; higher is better (questions worded the other way round are recoded). Rounds with fewer than {min} answers are never shown.",
        DownloadCsv = "results.download_csv": "Download CSV",
        DownloadTeamFile = "results.download_team_file": "Download team file",
        Print = "results.print": "Print report",
        Present = "results.present": "Present in a team meeting",
        OpenFile = "results.open_file": "Open a team file…",
        NoResultsTitle = "results.no_results_title": "No results yet",
        SeeDemo = "results.see_demo": "See the demo team",
        SetUpSurvey = "results.set_up_survey": "Set up a survey",

        // Releasing.
        UnsealedTitle = "results.unsealed_title": "These answers are not sealed",
        UnsealedText = "results.unsealed_text": "This team file is from before Candor sealed answers: anyone who can open it can read each person's answers and comment. Its facilitator can seal it (candor seal); its results below come from its plain answers.",
        ReleaseTitle = "results.release_title": "Release the results",
        ReleaseWaiting = "results.release_waiting": "These rounds have closed and wait for the key holder to release their results:",
        ReleaseRound = "results.release_round": "{round}: {answers}",
        ReleaseHint = "results.release_hint": "Releasing opens the rounds' sealed answers in this browser, computes their results with every anonymity minimum, and writes exactly those results into the team file, where everyone with the results link sees them. Released results never change. No one, the key holder included, is shown a single person's answers. A key split among several people takes enough of their shares: read each share file in turn.",
        ResultsKey = "results.results_key": "Results key",
        ReadKeyFile = "results.read_key_file": "Read a key file…",

        // The latest round by question.
        ByQuestion = "results.by_question": "{round} by question",
        ByQuestionHint = "results.by_question_hint": "Disagreement to the left of the centre line, agreement to the right. Questions worded the other way round are recoded so that right is always favourable.",
        SwatchDisagree = "results.swatch_disagree": "{answer} disagree",
        SwatchAgree = "results.swatch_agree": "{answer} agree",
        FewerThanNotShown = "results.fewer_than_not_shown": "Fewer than {min} answers, not shown.",
        ReverseWorded = "results.reverse_worded": "reverse-worded, recoded",
        FewerAnsweredQuestion = "results.fewer_answered_question": "Fewer than {min} answered this question.",
        SharesWithNeutral = "results.shares_with_neutral": "disagree {disagree} · neutral {neutral} · agree {agree}",
        Shares = "results.shares": "disagree {disagree} · agree {agree}",
        BarTitle = "results.bar_title": "{shares}. Answers {counts}.",

        // Participation and comments.
        Participation = "results.participation": "Participation",
        AnswersPerRound = "results.answers_per_round": "Answers per round",
        Round = "results.round": "Round",
        AnswersColumn = "results.answers_column": "Answers",
        ResponseRate = "results.response_rate": "Response rate",
        CollectingSoFar = "results.collecting_so_far": "collecting: {count} so far",
        NotYetReleased = "results.not_yet_released": "{count}, not yet released",
        FewerThan = "results.fewer_than": "fewer than {min}",
        Comments = "results.comments": "Comments",
        CommentsFrom = "results.comments_from": "From {round}, in random order.",
        CommentsHeldBack = "results.comments_held_back": "Comments are shown for a round once at least {min} people have written one.",

        // Agreed actions.
        AgreedActions = "results.agreed_actions": "Agreed actions",
        DueBy = "results.due_by": "Due by {round}: did we do it?",
        AgreedAfter = "results.agreed_after": "Agreed after {round}",
        ReviewLater = "results.review_later": "To review later",
        EarlierActions = "results.earlier_actions": "Earlier actions ({count})",
        SettledBefore = "results.settled_before": "Settled or agreed before",
        DoneIn = "results.done_in": "done in {round}",
        DroppedIn = "results.dropped_in": "dropped in {round}",
        OpenSince = "results.open_since": "open since {round}",
        OpenToReviewFrom = "results.open_to_review_from": "open, to review from {day}",
        OpenToReviewNext = "results.open_to_review_next": "open, to review in the next round",

        // A dimension's card.
        ChartTitle = "results.chart_title": "{dimension} by round, 1 to {scale}. Arrow keys move between rounds.",
        MeanOf = "results.mean_of": "{mean} of {scale}",
        NoRoundReachedShort = "results.no_round_reached_short": "No round has reached {min} answers yet.",
        LegendBand = "results.legend_band": "likely range (95% interval)",
        LegendGap = "results.legend_gap": "no result: too few answers, or not yet released",
        LegendDone = "results.legend_done": "an agreed action was done (listed under Agreed actions)",
        EventOn = "results.event_on": "{event} ({date}, before {round})",
        EventBefore = "results.event_before": "{event} (before {round})",
        TableOf = "results.table_of": "Table: {dimension} by round",
        ByRound = "results.by_round": "{dimension} by round",
        DownloadSvg = "results.download_svg": "Download chart (SVG)",
        DownloadPng = "results.download_png": "Download chart (PNG)",
        PointOf = "results.point_of": "{round}: {value}",
        ReadoutExact = "results.readout_exact": "{round}: {mean} of {scale} (everyone answered: the team's exact mean), n = {n}",
        ReadoutInterval = "results.readout_interval": "{round}: {mean} of {scale} (95% interval {low} to {high}), n = {n}",
        ReadoutMean = "results.readout_mean": "{round}: {mean} of {scale}, n = {n}",
        ReadoutAgreement = "results.readout_agreement": "agreement {rwg} ({words})",
        ReadoutAgreementNoisy = "results.readout_agreement_noisy": "agreement {rwg} ({words}), few answers make it noisy",
        N = "results.n": "n",
        Mean = "results.mean": "Mean",
        Interval = "results.interval": "95% interval",
        AgreementColumn = "results.agreement_column": "Agreement",
        ChangeColumn = "results.change_column": "Change (95% interval)",
        Range = "results.range": "{low} to {high}",
        ExactEveryone = "results.exact_everyone": "exact: everyone answered",
        TooFewAnswers = "results.too_few_answers": "too few answers",
        NoEarlierRound = "results.no_earlier_round": "no earlier round to compare",

        // Retro mode's slides.
        LastTime = "results.last_time": "Last time: did we do it?",
        NothingDue = "results.nothing_due": "No agreed action was due by {round}.",
        DueByShort = "results.due_by_short": "Due by {round}",
        TryNext = "results.try_next": "What do we try next?",
        TryNextText = "results.try_next_text": "Pick one or two things to try before the next round. For each: what exactly, who looks after it, and when we look back at it.",
        AgreedSoFar = "results.agreed_so_far": "Agreed after {round} so far",
        NoteThem = "results.note_them": "Note them under Agreed actions on the set-up page: they open the next round's review.",
        ResultsOf = "results.results_of": "Results of {round}",
        RetroPlan = "results.retro_plan": "First the actions from last time, then each dimension, then your comments, then what we try next. Scores run from 1 to {scale}; higher is better; a change is called only when the data supports it.",
        NothingToPresent = "results.nothing_to_present": "No round has been released yet: there is nothing to present. The results of a round are released once it closes.",

        // Conversation guides.
        ForTheConversation = "results.for_the_conversation": "For the conversation",
        ShownBecause = "results.shown_because": "Shown because {reasons}.",
        QuestionsToTalk = "results.questions_to_talk": "Questions to talk about",
        PracticesToTry = "results.practices_to_try": "Practices to try",
        ReasonLow = "results.reason_low": "fewer than half of the answers were favourable ({share})",
        ReasonFalling = "results.reason_falling": "it is likely down since {round}",
        ReasonSeenDifferently = "results.reason_seen_differently": "agreement is weak ({rwg}: people see this differently)",
        ReasonAfterEvent = "results.reason_after_event": "\u{201c}{event}\u{201d} happened before this round",
        SafetyQuestion1 = "results.guide_safety_question_1": "When did someone here last say \u{201c}I don't know\u{201d} or \u{201c}I got that wrong\u{201d}, and what happened next?",
        SafetyQuestion2 = "results.guide_safety_question_2": "Think of a question or doubt you kept to yourself recently. What made it feel risky to say?",
        SafetyQuestion3 = "results.guide_safety_question_3": "When someone brings bad news early, how do we answer?",
        SafetyPractice1 = "results.guide_safety_practice_1": "Frame the work as learning: say out loud what is uncertain and what we expect to get wrong along the way.",
        SafetyPractice2 = "results.guide_safety_practice_2": "Those who lead go first in naming their own mistakes and gaps (\u{201c}I may be missing something here\u{201d}).",
        SafetyPractice3 = "results.guide_safety_practice_3": "Ask before telling: let everyone write their view first, then go round, so the quieter voices are heard too.",
        SafetyPractice4 = "results.guide_safety_practice_4": "Meet a raised concern with thanks and a next step, never with blame.",
        AlignmentQuestion1 = "results.guide_alignment_question_1": "If each of us wrote down the team's three top priorities right now, would the lists match?",
        AlignmentQuestion2 = "results.guide_alignment_question_2": "Which recent decision surprised you, and where did you first hear of it?",
        AlignmentQuestion3 = "results.guide_alignment_question_3": "What do we spend time on that nobody would miss?",
        AlignmentPractice1 = "results.guide_alignment_practice_1": "Keep one short written list of priorities, in order, and revisit it whenever something new arrives.",
        AlignmentPractice2 = "results.guide_alignment_practice_2": "Move updates that need no discussion into writing or short recordings; keep meetings for decisions.",
        AlignmentPractice3 = "results.guide_alignment_practice_3": "Use one-on-ones to connect each person's work to the team's goals.",
        FailureQuestion1 = "results.guide_failure_question_1": "What did not work recently, and what did we learn from it?",
        FailureQuestion2 = "results.guide_failure_question_2": "Which experiment would we try if we accepted that it might fail?",
        FailureQuestion3 = "results.guide_failure_question_3": "After a setback, do we look for causes or for someone to blame?",
        FailurePractice1 = "results.guide_failure_practice_1": "Hold short blameless reviews of what went wrong: what happened, what helped, what we will change.",
        FailurePractice2 = "results.guide_failure_practice_2": "Run small time-boxed experiments with a stated expectation, and share the result whatever it is.",
        FailurePractice3 = "results.guide_failure_practice_3": "Recognise what was learned, not only what succeeded.",
        GeneralQuestion1 = "results.guide_general_question_1": "What stands behind these answers? What would have to change for you to answer more favourably?",
        GeneralQuestion2 = "results.guide_general_question_2": "Where do we see this differently, and why might that be?",
        GeneralPractice1 = "results.guide_general_practice_1": "Agree on one small change to try before the next round, note it as an agreed action, and look at it again then.",
        DisruptionQuestion1 = "results.guide_disruption_question_1": "What changed for you since then, and what is still unclear?",
        DisruptionQuestion2 = "results.guide_disruption_question_2": "Which of our priorities moved, and which stayed the same?",
        DisruptionPractice1 = "results.guide_disruption_practice_1": "Restate the team's priorities after the change, in writing, and check them together.",
        DisruptionPractice2 = "results.guide_disruption_practice_2": "Agree which earlier commitments are dropped, so nobody carries them on in silence.",

        // The page around the cards.
        Language = "results.language": "Language",
        Loading = "results.loading": "Loading results…",
        CannotShow = "results.cannot_show": "The results cannot be shown",
        NoSurveyHere = "results.no_survey_here": "There is no survey on this device yet.",
        NoFileAt = "results.no_file_at": "There is no team file at {url}.",
        EnterKey = "results.enter_key": "Enter the results key, or read the key file.",
        Opening = "results.opening": "Opening the closed rounds…",
        NothingToRelease = "results.nothing_to_release": "Nothing to release: every closed round is released already.",
        OneReleased = "results.one_released": "One round released.",
        RoundsReleased = "results.rounds_released": "{count} rounds released.",
        NotAKey = "results.not_a_key": "That is not a results key: a results key is 43 letters, digits, '-' and '_', or a key file.",
        WrongKey = "results.wrong_key": "This key does not belong to this survey: it opens none of its answers.",
        NoCopyHere = "results.no_copy_here": "This device holds no copy of the survey.",
        Unopened = "results.unopened": "Sealed records that could not be opened with this key or were damaged: {count}. They are left out and stay in the file.",

        // Retro mode's bar.
        Leave = "results.leave": "Leave",
        Position = "results.position": "{position} of {count}",
        Dark = "results.dark": "Dark",
        Light = "results.light": "Light",
        FullScreen = "results.full_screen": "Full screen",
        Next = "results.next": "Next",
        Previous = "results.previous": "Previous",
    }
}
