//! `#[db_test]`: an integration test of `crates/cli/tests/it` run once on
//! SQLite and once on PostgreSQL, each on its own fresh database.
//!
//! ```ignore
//! #[maillage_test_macros::db_test]
//! async fn login_and_logout(app: &TestApp) { … }
//! ```
//!
//! keeps the function as written and adds beside it
//!
//! ```ignore
//! mod login_and_logout {
//!     #[tokio::test] async fn sqlite() { /* TestApp::spawn(Db::Sqlite), run, stop */ }
//!     #[tokio::test] async fn postgres() { /* skipped when MAILLAGE_TEST_POSTGRES_URL is unset */ }
//! }
//! ```
//!
//! so the tests are named `login_and_logout::sqlite` and
//! `login_and_logout::postgres`. The generated code uses
//! `crate::harness::{Db, TestApp, POSTGRES_ENV}` of the test binary.
//!
//! Arguments (combinable, except `kind`):
//! - `threaded`: a multi-threaded runtime (4 workers), so that concurrent
//!   requests really overlap in the database;
//! - `demo`: the app starts with the demo territory loaded;
//! - `kind`: the function takes a `Db` (`Db::Sqlite`, then `Db::Postgres`)
//!   and starts its app itself, with settings of its own. A function whose
//!   only parameter is of type `Db` is taken as `kind` without the argument.
//!
//! A function taking `app: &TestApp` gets a borrowed app that is stopped
//! after it returns; one taking `app: TestApp` owns it (and stops it).

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, Path, Token, Type};

/// Runs an `async fn NAME(app: &TestApp)` (or `(db: Db)` with `kind`) on
/// SQLite and on PostgreSQL as the tests `NAME::sqlite` and `NAME::postgres`;
/// see the crate documentation.
#[proc_macro_attribute]
pub fn db_test(args: TokenStream, item: TokenStream) -> TokenStream {
    match expand(args.into(), item.into()) {
        Ok(tokens) => tokens.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

#[derive(Default)]
struct Options {
    threaded: bool,
    demo: bool,
    kind: bool,
}

fn options(args: TokenStream2) -> syn::Result<Options> {
    let paths = Punctuated::<Path, Token![,]>::parse_terminated.parse2(args)?;
    let mut o = Options::default();
    for path in paths {
        if path.is_ident("threaded") {
            o.threaded = true;
        } else if path.is_ident("demo") {
            o.demo = true;
        } else if path.is_ident("kind") {
            o.kind = true;
        } else {
            return Err(syn::Error::new(
                path.span(),
                "expected `threaded`, `demo` or `kind`",
            ));
        }
    }
    Ok(o)
}

/// How the test function takes what it runs on.
enum Takes {
    /// `app: &TestApp`
    BorrowedApp,
    /// `app: TestApp`
    OwnedApp,
    /// `db: Db`
    Kind,
}

fn last_segment_is(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name))
}

fn takes(f: &ItemFn, kind: bool) -> syn::Result<Takes> {
    let sig = &f.sig;
    if sig.asyncness.is_none() {
        return Err(syn::Error::new(
            sig.fn_token.span(),
            "#[db_test] needs an `async fn`",
        ));
    }
    let mut inputs = sig.inputs.iter();
    let (Some(FnArg::Typed(arg)), None) = (inputs.next(), inputs.next()) else {
        return Err(syn::Error::new(
            sig.inputs.span(),
            "#[db_test] needs one parameter: `app: &TestApp`, `app: TestApp` or (kind) `db: Db`",
        ));
    };
    let ty = &*arg.ty;
    if kind || last_segment_is(ty, "Db") {
        return if last_segment_is(ty, "Db") {
            Ok(Takes::Kind)
        } else {
            Err(syn::Error::new(
                ty.span(),
                "#[db_test(kind)] needs `db: Db`",
            ))
        };
    }
    match ty {
        Type::Reference(r) if r.mutability.is_none() && last_segment_is(&r.elem, "TestApp") => {
            Ok(Takes::BorrowedApp)
        }
        _ if last_segment_is(ty, "TestApp") => Ok(Takes::OwnedApp),
        _ => Err(syn::Error::new(
            ty.span(),
            "#[db_test] needs `app: &TestApp` or `app: TestApp` (or `db: Db` with `kind`)",
        )),
    }
}

fn expand(args: TokenStream2, item: TokenStream2) -> syn::Result<TokenStream2> {
    let o = options(args)?;
    let f: ItemFn = syn::parse2(item)?;
    let takes = takes(&f, o.kind)?;
    if matches!(takes, Takes::Kind) && (o.threaded || o.demo) {
        return Err(syn::Error::new(
            f.sig.ident.span(),
            "#[db_test(kind)] starts no app: `threaded` and `demo` do not apply",
        ));
    }
    let name = &f.sig.ident;
    let test = if o.threaded {
        quote!(#[tokio::test(flavor = "multi_thread", worker_threads = 4)])
    } else {
        quote!(#[tokio::test])
    };
    let spawn = format_ident!("{}", if o.demo { "spawn_with_demo" } else { "spawn" });
    let body = match takes {
        Takes::Kind => kind_tests(name, &test),
        Takes::BorrowedApp => app_tests(
            &test,
            &spawn,
            &quote! {
                super::#name(&app).await;
                app.stop().await;
            },
        ),
        Takes::OwnedApp => app_tests(
            &test,
            &spawn,
            &quote! {
                super::#name(app).await;
            },
        ),
    };
    Ok(quote! {
        #f

        mod #name {
            #body
        }
    })
}

fn app_tests(test: &TokenStream2, spawn: &syn::Ident, run: &TokenStream2) -> TokenStream2 {
    quote! {
        use crate::harness::{Db, TestApp};

        #test
        async fn sqlite() {
            let app = TestApp::#spawn(Db::Sqlite).await.expect("SQLite is always available");
            #run
        }

        #test
        async fn postgres() {
            let Some(app) = TestApp::#spawn(Db::Postgres).await else {
                eprintln!("skipped: {} is not set", crate::harness::POSTGRES_ENV);
                return;
            };
            #run
        }
    }
}

fn kind_tests(name: &syn::Ident, test: &TokenStream2) -> TokenStream2 {
    quote! {
        use crate::harness::Db;

        #test
        async fn sqlite() {
            super::#name(Db::Sqlite).await;
        }

        #test
        async fn postgres() {
            if crate::harness::postgres_admin_url().is_some() {
                super::#name(Db::Postgres).await;
            } else {
                eprintln!("skipped: {} is not set", crate::harness::POSTGRES_ENV);
            }
        }
    }
}
