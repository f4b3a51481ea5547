//! Sign-in, sign-out, the profile and the administration of accounts.

mod access;
mod profile;
mod reset;
mod sign_in;
mod users;

use axum::Router;
use axum::routing::{get, post};

pub use access::OwnToken;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/connexion",
            get(sign_in::show_login).post(sign_in::create_session),
        )
        .route("/deconnexion", post(sign_in::delete_session))
        .route(
            "/mot-de-passe-oublie",
            get(reset::show_forgot).post(reset::create_reset),
        )
        .route(
            "/mot-de-passe/{token}",
            get(reset::show_reset).post(reset::update_reset),
        )
        .route("/profil", get(profile::show_profile))
        .route("/profil/mot-de-passe", post(profile::update_password))
        .route("/profil/jetons", post(profile::create_token))
        .route(
            "/profil/jetons/{token}/nom",
            post(profile::update_token_name),
        )
        .route(
            "/profil/jetons/{token}/revoquer",
            post(profile::delete_token),
        )
        .route(
            "/admin/utilisateurs",
            get(users::list_users).post(users::create_user),
        )
        .route("/admin/utilisateurs/{user}/role", post(users::update_role))
        .route(
            "/admin/utilisateurs/{user}/desactiver",
            post(users::delete_user),
        )
        .route(
            "/admin/utilisateurs/{user}/activer",
            post(users::update_user_active),
        )
}
