//! The per-platform table: hosts, controls and their layout variants, current and older markup
//! side by side. Sources are the platform-signals research notes (extensions that have tracked
//! these pages for years: Return YouTube Dislike, Control Panel for Twitter, Reddit Enhancement
//! Suite, Reddit-Web-Fix, LinkOff, Mask, the Bluesky and Mastodon sources). Entries marked
//! "assumption" follow the platform's conventions without a published trace of the exact markup.

use super::{
    ComposerRule, Meaning, PlatformRules, PressRule, ShortcutRule, StateMatch, StateRule,
    ToggleRule,
};
use crate::model::{Kind, Platform};

const fn reaction(detail: &'static str) -> Meaning {
    Meaning {
        kind: Kind::Reaction,
        detail,
    }
}

const fn unreaction(detail: &'static str) -> Meaning {
    Meaning {
        kind: Kind::Unreaction,
        detail,
    }
}

const REPOST: Meaning = Meaning {
    kind: Kind::Repost,
    detail: "repost",
};
const REPORT: Meaning = Meaning {
    kind: Kind::Report,
    detail: "report",
};

const ARIA_PRESSED: StateRule = StateRule {
    attribute: "aria-pressed",
    on: StateMatch::Equals(&["true"]),
    within: None,
};

/// A toggle whose on/off is a reaction/unreaction with the same detail.
const fn toggle(
    control: &'static str,
    variant: &'static str,
    selector: &'static str,
    state: StateRule,
) -> ToggleRule {
    ToggleRule {
        control,
        variant,
        selector,
        state,
        on: reaction(control),
        off: unreaction(control),
    }
}

const fn press(
    control: &'static str,
    variant: &'static str,
    selector: &'static str,
    meaning: Meaning,
) -> PressRule {
    PressRule {
        control,
        variant,
        selector,
        unless_label_starts_with: &[],
        meaning,
    }
}

/// YouTube watch pages and Shorts. Keyed on custom element names and `aria-pressed`: labels are
/// localized and embed the count (RYD issue #1286). Logged out: a sign-in link (RYD).
const YOUTUBE: PlatformRules = PlatformRules {
    platform: Platform::Youtube,
    hosts: &["www.youtube.com", "m.youtube.com"],
    logged_out: &["a[href^=\"https://accounts.google.com/ServiceLogin\"]"],
    toggles: &[
        toggle(
            "like",
            "view-model-2024",
            "like-button-view-model button[aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "dislike",
            "view-model-2024",
            "dislike-button-view-model button[aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "like",
            "segmented-2023",
            "#segmented-like-button button[aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "dislike",
            "segmented-2023",
            "#segmented-dislike-button button[aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "like",
            "shorts-2022",
            "#like-button ytd-like-button-renderer #button[aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "dislike",
            "shorts-2022",
            "#dislike-button ytd-like-button-renderer #button[aria-pressed]",
            ARIA_PRESSED,
        ),
    ],
    presses: &[press(
        "report",
        "report-dialog-2024",
        "yt-report-form-modal-renderer #submit-button button",
        REPORT,
    )],
    composers: &[ComposerRule {
        control: "comment",
        variant: "commentbox-2024",
        submit: "ytd-commentbox #submit-button button",
        editor: "#contenteditable-root",
        submit_on_enter: false,
    }],
    shortcuts: &[],
    ceiling_per_minute: 60,
};

/// X: like and unlike swap `data-testid` on the same button; a repost counts on the confirm item
/// of the menu (`retweetConfirm`, `repostConfirm` since Aug 2023), never on opening it; `l` likes
/// the focused post (CPfT; help.x.com keyboard shortcuts).
///
/// No report press. The report flow's markup is known from unnamed automation code (the post's
/// `caret` menu, `[data-testid="report"]`, radio choices, then
/// `[data-testid="ChoiceSelectionNextButton"]` and a closing `ocfSettingsListNextButton`), but its
/// final submit is the same `ChoiceSelectionNextButton` as every "Next" before it (X's generic
/// step flow, also used by settings), told apart only by its label, and on some paths (spam) the
/// "Next" after the first choice already sends the report.
const X: PlatformRules = PlatformRules {
    platform: Platform::X,
    hosts: &["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
    logged_out: &["[data-testid=\"loginButton\"]"],
    toggles: &[toggle(
        "like",
        "testid-2023",
        "button[data-testid=\"like\"], button[data-testid=\"unlike\"]",
        StateRule {
            attribute: "data-testid",
            on: StateMatch::Equals(&["unlike"]),
            within: None,
        },
    )],
    presses: &[press(
        "repost",
        "testid-2023",
        "[data-testid=\"retweetConfirm\"], [data-testid=\"repostConfirm\"]",
        REPOST,
    )],
    composers: &[ComposerRule {
        control: "post",
        variant: "draftjs-2023",
        submit: "[data-testid=\"tweetButton\"], [data-testid=\"tweetButtonInline\"]",
        editor: "[data-testid^=\"tweetTextarea_\"]",
        submit_on_enter: false,
    }],
    shortcuts: &[ShortcutRule {
        key: "l",
        control: "like",
        item: "article[data-testid=\"tweet\"]",
    }],
    ceiling_per_minute: 90,
};

/// Reddit: the current site keeps its vote buttons in `shreddit-post`'s open shadow root, with
/// boolean `upvote`/`downvote` attributes and `aria-pressed` (Reddit-Web-Fix); old.reddit swaps
/// `up`/`down` for `upmod`/`downmod` (RES).
///
/// The comment composer is `comment-composer-host faceplate-form shreddit-composer` with the
/// editor and the submit button as light-DOM children of `shreddit-composer`
/// (`div[role="textbox"][contenteditable="true"]`, `button[slot="submit-button"]`): seen only in
/// unnamed automation code, so an assumption, as is the editor being outside the composer's
/// shadow root (some of that code looks for it inside; the sensor finds it only outside).
///
/// No report press. The one trace of the report flow (unnamed automation code) shows
/// `#post-overflow-report` in `shreddit-post-overflow-menu`'s shadow root, then steps hosted by
/// `[slot-name="REPORT_REASONS"]`, `[slot-name="SPAM"]` (one per reason) and
/// `[slot-name="SUCCESS"]`, each with `#report-action-button` in its own shadow root: the same id
/// for "Next" and for the final submit, told apart only by the step hosting it, which a selector
/// on the button cannot see across the shadow boundary; the other reasons' steps are unknown.
const REDDIT: PlatformRules = PlatformRules {
    platform: Platform::Reddit,
    hosts: &["www.reddit.com", "old.reddit.com"],
    logged_out: &[
        "#login-button",
        "a[href^=\"https://www.reddit.com/login\"].login-required",
    ],
    toggles: &[
        toggle(
            "upvote",
            "shreddit-2023",
            "button[upvote][aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "downvote",
            "shreddit-2023",
            "button[downvote][aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "upvote",
            "old-reddit",
            ".arrow.up, .arrow.upmod",
            StateRule {
                attribute: "class",
                on: StateMatch::HasClass("upmod"),
                within: None,
            },
        ),
        toggle(
            "downvote",
            "old-reddit",
            ".arrow.down, .arrow.downmod",
            StateRule {
                attribute: "class",
                on: StateMatch::HasClass("downmod"),
                within: None,
            },
        ),
    ],
    presses: &[],
    composers: &[ComposerRule {
        control: "comment",
        variant: "shreddit-2024",
        submit: "shreddit-composer button[slot=\"submit-button\"]",
        editor: "shreddit-composer [contenteditable=\"true\"][role=\"textbox\"]",
        submit_on_enter: false,
    }],
    shortcuts: &[],
    ceiling_per_minute: 90,
};

/// Instagram: the heart's state is the `aria-label` of the svg inside the button ("Like" /
/// "Unlike"; French "J’aime" / "Je n’aime plus"), which survived every class rewrite since 2022.
///
/// Comments: the post's comment form holds a `textarea` (labelled "Add a comment…" in unnamed
/// automation code) and a "Post" button. The selectors key on the form's structure (a `form`
/// holding a `textarea`), so no label is matched, in any language. Assumptions: the button is
/// either the older `button[type="submit"]` (unnamed code) or a text-only `div[role="button"]`,
/// told from the emoji button by having no icon. Enter alone sends the comment.
const INSTAGRAM: PlatformRules = PlatformRules {
    platform: Platform::Instagram,
    hosts: &["www.instagram.com"],
    logged_out: &["a[href^=\"/accounts/login\"]"],
    toggles: &[toggle(
        "like",
        "svg-label-2023",
        "[role=\"button\"]:has(svg[aria-label=\"Like\"], svg[aria-label=\"Unlike\"], svg[aria-label=\"J’aime\"], svg[aria-label=\"Je n’aime plus\"])",
        StateRule {
            attribute: "aria-label",
            on: StateMatch::Equals(&["Unlike", "Je n’aime plus"]),
            within: Some("svg[aria-label]"),
        },
    )],
    presses: &[],
    composers: &[ComposerRule {
        control: "comment",
        variant: "form-2023",
        submit: "form:has(textarea) :is(button[type=\"submit\"], div[role=\"button\"]:not(:has(svg)))",
        editor: "form textarea",
        submit_on_enter: true,
    }],
    shortcuts: &[],
    ceiling_per_minute: 90,
};

/// TikTok: `button[aria-pressed]` around a `data-e2e` like icon (feed and video page variants).
///
/// Comments on the video page: `[data-e2e="comment-input"]` around a DraftJS editor and
/// `[data-e2e="comment-post"]` (unnamed automation code; that the editor inside is a
/// `contenteditable` DraftJS root is an assumption, per the research's note on TikTok's DraftJS).
/// Enter alone sends the comment.
const TIKTOK: PlatformRules = PlatformRules {
    platform: Platform::Tiktok,
    hosts: &["www.tiktok.com"],
    logged_out: &["[data-e2e=\"top-login-button\"]"],
    toggles: &[
        toggle(
            "like",
            "browse-2024",
            "button[aria-pressed]:has([data-e2e=\"browse-like-icon\"])",
            ARIA_PRESSED,
        ),
        toggle(
            "like",
            "feed-2024",
            "button[aria-pressed]:has([data-e2e=\"like-icon\"])",
            ARIA_PRESSED,
        ),
    ],
    presses: &[],
    composers: &[ComposerRule {
        control: "comment",
        variant: "e2e-2024",
        submit: "[data-e2e=\"comment-post\"]",
        editor: "[data-e2e=\"comment-input\"] [contenteditable=\"true\"]",
        submit_on_enter: true,
    }],
    shortcuts: &[],
    ceiling_per_minute: 120,
};

/// LinkedIn: the older feed's reaction trigger with `aria-pressed`, and the server-driven UI of
/// 2025–26 whose stable hook is `data-view-name` and whose state is in the label (LinkOff).
///
/// Composers of the older feed: the share box's Quill editor (`.ql-editor`) and its
/// `button.share-actions__primary-action`, and the comment box's
/// `button.comments-comment-box__submit-button` (`--cr` since 2024), all from unnamed automation
/// code: classes, but the older feed has no other hook. The new feed's comment box: a tiptap editor
/// in `[data-testid="ui-core-tiptap-text-editor-wrapper"]` and the button of the
/// `componentkey` "commentButtonSection" (unnamed 2026 code; assumption). The new feed's share box
/// has no published trace and is not counted.
const LINKEDIN: PlatformRules = PlatformRules {
    platform: Platform::Linkedin,
    hosts: &["www.linkedin.com"],
    logged_out: &["a.nav__button-secondary[href*=\"/login\"]"],
    toggles: &[
        toggle(
            "like",
            "feed-shared-2022",
            "button.react-button__trigger[aria-pressed]",
            ARIA_PRESSED,
        ),
        toggle(
            "like",
            "view-name-2025",
            "button[data-view-name=\"reaction-button\"]",
            StateRule {
                attribute: "aria-label",
                on: StateMatch::NotStartsWith(&[
                    "Reaction button state: no reaction",
                    "État du bouton de réaction : aucune réaction",
                ]),
                within: None,
            },
        ),
    ],
    presses: &[],
    composers: &[
        ComposerRule {
            control: "post",
            variant: "share-box-2022",
            submit: "button.share-actions__primary-action",
            editor: ".ql-editor[contenteditable=\"true\"]",
            submit_on_enter: false,
        },
        ComposerRule {
            control: "comment",
            variant: "feed-shared-2022",
            submit: "button.comments-comment-box__submit-button, button.comments-comment-box__submit-button--cr",
            editor: ".ql-editor[contenteditable=\"true\"]",
            submit_on_enter: false,
        },
        ComposerRule {
            control: "comment",
            variant: "view-name-2025",
            submit: "[componentkey*=\"commentButtonSection\"] button, button[componentkey*=\"commentButtonSection\"]",
            editor: "[data-testid=\"ui-core-tiptap-text-editor-wrapper\"] [contenteditable=\"true\"]",
            submit_on_enter: false,
        },
    ],
    shortcuts: &[],
    ceiling_per_minute: 60,
};

/// Mastodon's report modal (`.modal-root__modal.report-dialog-modal`, opened by "Report @name" in
/// a status's "…" menu; mastodon `features/ui/components/report_modal.jsx`,
/// `report_collection_modal.tsx`) shows one step at a time in `.report-dialog-modal__container`:
/// category, server rules, posts, comment, then thanks (`features/report/category.jsx`,
/// `rules.jsx`, `statuses.jsx`, `comment.tsx`, `thanks.jsx`). Every step ends in the same
/// `.report-dialog-modal__actions > button.button`: "Next", "Submit report", "Done"
/// (`report.next`, `report.submit`, `report.close`; French "Suivant", "Envoyer", "Terminé" in
/// `locales/fr.json`), and "I don't like it" reaches "Done" without sending anything. So the
/// submit is told apart by its step, the only one holding the comment box
/// `textarea.report-dialog-modal__textarea`, and no label is matched. The button is `disabled`
/// while the report is sent, so a second click does nothing. A report sent with Ctrl+Enter in the
/// comment box is not seen (the sensor takes clicks only for presses).
const MASTODON_REPORT_SUBMIT: &str = ".report-dialog-modal__container:has(.report-dialog-modal__textarea) .report-dialog-modal__actions button";

/// Labels of Mastodon's boost control that are not a boost: the undo, and the menu opener.
const MASTODON_UNBOOST: &[&str] = &[
    "Unboost",
    "Undo boost",
    "Boost or quote",
    "Annuler le partage",
    "Partager ou citer",
];

/// Mastodon (mastodon.social; other servers are added by the user): the legacy action bar marks a
/// favourite with class `active`; the 2026 redesign's toggle buttons carry `aria-pressed`
/// (assumption for the redesign's hooks: its class names are CSS-module hashes, so the selector
/// keys on the action bar and a data attribute).
///
/// A boost is a repost, counted as a press (a toggle must mean a reaction), and only when the
/// control is not already on, so that undoing a boost counts nothing in any language; the undo
/// labels are listed as well (`status.cancel_reblog_private`: "Unboost"; "Undo boost"; French
/// "Annuler le partage"). Three forms (mastodon `components/status/legacy/boost_button.tsx`,
/// `boost_button_utils.ts`): with quick boosting, the action bar's `IconButton` (class
/// `status__action-bar__button`, icon `retweet`, `active` once boosted); without it, that button
/// only opens a "Boost or quote" menu (never counted: it carries `aria-expanded` and that label,
/// French "Partager ou citer" an assumption) whose first item (`.reblog-menu-item`
/// `button[data-index="0"]`, `--highlighted` once boosted) is the act; and the redesign's
/// `aria-pressed` toggle (assumption, like its favourite).
///
/// The compose form (`form.compose-form`, `textarea.autosuggest-textarea__textarea`, a
/// `type="submit"` button in `.compose-form__submit`, `.compose-form__publish` before 4.3;
/// `features/compose/components/compose_form.jsx`); that the redesign keeps these global class
/// names is an assumption.
///
/// A report counts on the report modal's last button ([`MASTODON_REPORT_SUBMIT`]).
const MASTODON: PlatformRules = PlatformRules {
    platform: Platform::Mastodon,
    hosts: &["mastodon.social"],
    logged_out: &[".sign-in-banner"],
    toggles: &[
        toggle(
            "favourite",
            "action-bar-legacy",
            ".status__action-bar__button.star-icon",
            StateRule {
                attribute: "class",
                on: StateMatch::HasClass("active"),
                within: None,
            },
        ),
        toggle(
            "favourite",
            "redesign-2026",
            ".status__action-bar button[aria-pressed][data-action=\"favourite\"]",
            ARIA_PRESSED,
        ),
    ],
    presses: &[
        PressRule {
            control: "repost",
            variant: "action-bar-legacy",
            selector: ".status__action-bar__button:has(.icon-retweet):not(.active, [aria-expanded])",
            unless_label_starts_with: MASTODON_UNBOOST,
            meaning: REPOST,
        },
        PressRule {
            control: "repost",
            variant: "boost-menu-2025",
            selector: ".reblog-menu-item:not(.dropdown-menu__item--highlighted) button[data-index=\"0\"]",
            unless_label_starts_with: MASTODON_UNBOOST,
            meaning: REPOST,
        },
        PressRule {
            control: "repost",
            variant: "redesign-2026",
            selector: ".status__action-bar button[data-action=\"reblog\"][aria-pressed=\"false\"]",
            unless_label_starts_with: MASTODON_UNBOOST,
            meaning: REPOST,
        },
        press(
            "report",
            "report-dialog-3.5",
            MASTODON_REPORT_SUBMIT,
            REPORT,
        ),
    ],
    composers: &[ComposerRule {
        control: "post",
        variant: "compose-form-4",
        submit: "form.compose-form button[type=\"submit\"]",
        editor: "form.compose-form textarea.autosuggest-textarea__textarea",
        submit_on_enter: false,
    }],
    shortcuts: &[],
    ceiling_per_minute: 90,
};

/// Bluesky: React Native Web test ids; the like state is only in the translated label
/// ("Like (N likes)" / "Unlike (N likes)"); the repost menu item is the same button for
/// "Repost" and "Undo repost".
///
/// The composer dialog: `composerPublishBtn` (social-app `src/view/com/composer/Composer.tsx`)
/// and the tiptap editor, a `.ProseMirror` contenteditable (`text-input/TextInput.web.tsx`, which
/// also publishes on Ctrl/Cmd+Enter).
///
/// A report counts on the report dialog's last button, test id `report:submit` ("Submit report"),
/// from social-app `src/components/moderation/ReportDialog/index.tsx` (the flow of PR #7832,
/// 2025; opened by `postDropdownReportBtn` in the post's `postDropdownBtn` menu). The steps before
/// it are cards with other test ids (`report:category:<title>`, `report:option:<title>`, the
/// moderation service) and the button only appears at the last step; the close button and the
/// Escape key send nothing. It is disabled while the report is sent and once it is (React Native
/// Web renders that as `aria-disabled="true"`), when a click counts nothing.
const BLUESKY: PlatformRules = PlatformRules {
    platform: Platform::Bluesky,
    hosts: &["bsky.app"],
    logged_out: &["[data-testid=\"signInButton\"]"],
    toggles: &[toggle(
        "like",
        "testid-2024",
        "[data-testid=\"likeBtn\"]",
        StateRule {
            attribute: "aria-label",
            // French from Bluesky's own translation file: "Liker (# likes)" / "Déliker (# likes)".
            on: StateMatch::StartsWith(&["Unlike", "Déliker"]),
            within: None,
        },
    )],
    presses: &[
        PressRule {
            control: "repost",
            variant: "testid-2024",
            selector: "[data-testid=\"repostDropdownRepostBtn\"]",
            unless_label_starts_with: &["Undo repost", "Annuler le repost"],
            meaning: REPOST,
        },
        press(
            "report",
            "report-dialog-2025",
            "[data-testid=\"report:submit\"]:not([aria-disabled=\"true\"])",
            REPORT,
        ),
    ],
    composers: &[ComposerRule {
        control: "post",
        variant: "testid-2024",
        submit: "[data-testid=\"composerPublishBtn\"]",
        editor: ".ProseMirror[contenteditable=\"true\"]",
        submit_on_enter: false,
    }],
    shortcuts: &[],
    ceiling_per_minute: 90,
};

/// Facebook: atomic classes, so only roles and labels; the label becomes "Remove Like" (or the
/// reaction chosen: "Remove Love", …; French "Supprimer J’aime", assumption) once reacted. Only
/// reaction names are matched, so other "Remove …" buttons are not taken for a like.
///
/// The share box: "What's on your mind?" opens a `[role="dialog"]` holding a `role="textbox"`
/// contenteditable (Lexical) and a `[role="button"]` labelled "Post" (unnamed automation code);
/// the French "Publier" and the dialog around both are assumptions.
///
/// Comments: a `form` around a `role="textbox"` contenteditable, sent with Enter alone or the
/// arrow button in `#focused-state-composer-submit` labelled "Comment" (public automation code
/// finds the arrow by that id; the French "Commenter" is an assumption). The editor is taken as
/// a comment box only in a form holding that arrow: the share box's editor also sits in a form,
/// and there Enter starts a new line.
const FACEBOOK: PlatformRules = PlatformRules {
    platform: Platform::Facebook,
    hosts: &["www.facebook.com"],
    logged_out: &["form[action*=\"/login/\"]"],
    toggles: &[toggle(
        "like",
        "aria-2020",
        "[role=\"button\"]:is([aria-label=\"Like\"], [aria-label=\"Remove Like\"], [aria-label=\"Remove Love\"], [aria-label=\"Remove Care\"], [aria-label=\"Remove Haha\"], [aria-label=\"Remove Wow\"], [aria-label=\"Remove Sad\"], [aria-label=\"Remove Angry\"], [aria-label=\"J’aime\"], [aria-label=\"Supprimer J’aime\"], [aria-label=\"Supprimer J’adore\"], [aria-label=\"Supprimer Solidaire\"], [aria-label=\"Supprimer Haha\"], [aria-label=\"Supprimer Waouh\"], [aria-label=\"Supprimer Triste\"], [aria-label=\"Supprimer Grrr\"])",
        StateRule {
            attribute: "aria-label",
            on: StateMatch::StartsWith(&["Remove ", "Supprimer "]),
            within: None,
        },
    )],
    presses: &[],
    composers: &[
        ComposerRule {
            control: "comment",
            variant: "lexical-form-2023",
            submit: "#focused-state-composer-submit, form [role=\"button\"]:is([aria-label=\"Comment\"], [aria-label=\"Commenter\"])",
            editor: "form:has(#focused-state-composer-submit) [contenteditable=\"true\"][role=\"textbox\"]",
            submit_on_enter: true,
        },
        ComposerRule {
            control: "post",
            variant: "aria-2020",
            submit: "[role=\"dialog\"] [role=\"button\"]:is([aria-label=\"Post\"], [aria-label=\"Publier\"])",
            editor: "[role=\"dialog\"] [contenteditable=\"true\"][role=\"textbox\"]",
            submit_on_enter: false,
        },
    ],
    shortcuts: &[],
    ceiling_per_minute: 60,
};

/// Pinterest (evidence thin): saving a pin, by test id.
const PINTEREST: PlatformRules = PlatformRules {
    platform: Platform::Pinterest,
    hosts: &["www.pinterest.com", "www.pinterest.fr"],
    logged_out: &["[data-test-id=\"simple-login-button\"]"],
    toggles: &[],
    presses: &[PressRule {
        control: "save",
        variant: "testid-2024",
        selector: "[data-test-id=\"PinBetterSaveButton\"], [data-test-id=\"closeup-save-button\"]",
        unless_label_starts_with: &["Saved", "Enregistré"],
        meaning: Meaning {
            kind: Kind::Reaction,
            detail: "save",
        },
    }],
    composers: &[],
    shortcuts: &[],
    ceiling_per_minute: 60,
};

/// Every platform's rules.
pub const ALL_RULES: &[PlatformRules] = &[
    YOUTUBE, X, FACEBOOK, INSTAGRAM, TIKTOK, REDDIT, LINKEDIN, MASTODON, BLUESKY, PINTEREST,
];
