//! E-mail notices of referrals, when SMTP is set: after the commit, each
//! address the store named (`Notified`) gets a French message with the
//! service's name, the new status and the link to the referral — never the
//! person's data, which a mailbox would keep beyond the purge (Law 25).
//! Without SMTP the in-app notices the store wrote are all there is.

use axum::http::HeaderMap;
use maillage_domain::referrals::Status;
use maillage_store::entity::referral;
use maillage_store::repo::referrals::{Moved, Notified};

use crate::AppState;
use crate::i18n::Lang;

/// The subject and body of the notice of `referral` reaching `status`;
/// `base` is the site's address (`https://…`).
#[must_use]
pub fn message(
    lang: Lang,
    base: &str,
    referral: &referral::Model,
    status: Status,
) -> (String, String) {
    let args = [
        ("service", referral.service_name.clone()),
        ("status", super::status_label(lang, status)),
        (
            "link",
            format!("{base}{}", super::referral_href(referral.id)),
        ),
    ];
    let (subject, body) = if status == Status::Sent {
        (
            "referrals-api-mail-subject-new",
            "referrals-api-mail-body-new",
        )
    } else {
        ("referrals-api-mail-subject", "referrals-api-mail-body")
    };
    (lang.t_args(subject, &args), lang.t_args(body, &args))
}

/// Mails the notice of `referral` reaching `status` to each address of
/// `notified`, off the request: the answer never waits on the mail server
/// nor fails with it; a refusal is logged.
pub fn notify(
    state: &AppState,
    headers: &HeaderMap,
    referral: &referral::Model,
    status: Status,
    notified: &Notified,
) {
    let Some(mailer) = state.config.mail.clone() else {
        return;
    };
    if notified.emails.is_empty() {
        return;
    }
    let base = crate::events::site_base(state, headers);
    let (subject, body) = message(Lang::Fr, &base, referral, status);
    let (emails, id) = (notified.emails.clone(), referral.id);
    tokio::spawn(async move {
        for to in emails {
            if let Err(reason) = mailer.send(&to, &subject, &body).await {
                tracing::warn!(referral = %id, %reason, "referral notice not mailed");
            }
        }
    });
}

/// Mails the notices of a move: the other side of the referral, and the
/// new service's organization when the move redirected it.
pub fn notify_move(state: &AppState, headers: &HeaderMap, moved: &Moved) {
    let status = Status::parse(&moved.referral.status).unwrap_or(Status::Sent);
    notify(state, headers, &moved.referral, status, &moved.notified);
    if let Some(new) = &moved.redirected_to {
        notify(
            state,
            headers,
            new,
            Status::Sent,
            &moved.redirected_notified,
        );
    }
}
