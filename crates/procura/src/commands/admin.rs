//! `procura migrate`, `procura user …` and `procura audit verify`: operator
//! commands that act on the configured database directly.

use std::io::{BufRead, Write};

use procura_domain::{Lang, Role};
use procura_i18n::{text, text_with};
use procura_service::RawConfig;

use crate::cli::{AuditArgs, AuditCommand, DatabaseArgs, UserArgs, UserCommand};
use crate::failure::Failure;
use crate::runtime::{load_config, open, runtime};

pub fn migrate(args: DatabaseArgs, lang: Lang, out: &mut impl Write) -> Result<(), Failure> {
    let config = load_config(&args, RawConfig::default())?;
    runtime()?.block_on(open(&config))?;
    writeln!(out, "{}", text(lang, "cli-migrated"))?;
    Ok(())
}

/// The first line of standard input, without its line ending.
fn password_from_stdin() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub fn user(args: UserArgs, lang: Lang, out: &mut impl Write) -> Result<(), Failure> {
    let config = load_config(&args.database, RawConfig::default())?;
    let rt = runtime()?;
    let services = rt.block_on(open(&config))?;
    let now = procura_web::now();
    match args.command {
        UserCommand::Add {
            email,
            org,
            role,
            password_stdin,
            superadmin,
        } => {
            let role = Role::parse(&role).map_err(|_| {
                Failure::Service(procura_service::ServiceError::Invalid(
                    procura_service::Invalid::Role,
                ))
            })?;
            let password = if password_stdin {
                Some(password_from_stdin()?)
            } else {
                None
            };
            let added = rt.block_on(services.operator_add_user(
                &email,
                &org,
                role,
                password.as_deref(),
                superadmin,
                now,
            ))?;
            let key = if added.created_account {
                "cli-user-created"
            } else {
                "cli-user-joined"
            };
            writeln!(
                out,
                "{}",
                text_with(
                    lang,
                    key,
                    &[
                        ("email", email.trim().into()),
                        ("org", org.trim().into()),
                        ("role", role.id().into())
                    ]
                )
            )?;
            if let Some(generated) = added.generated_password {
                writeln!(
                    out,
                    "{}",
                    text_with(
                        lang,
                        "cli-generated-password",
                        &[("password", generated.into())]
                    )
                )?;
            }
        }
        UserCommand::ResetPassword {
            email,
            password_stdin,
        } => {
            let password = if password_stdin {
                Some(password_from_stdin()?)
            } else {
                None
            };
            let generated =
                rt.block_on(services.operator_reset_password(&email, password.as_deref(), now))?;
            writeln!(
                out,
                "{}",
                text_with(
                    lang,
                    "cli-password-reset",
                    &[("email", email.trim().into())]
                )
            )?;
            if let Some(generated) = generated {
                writeln!(
                    out,
                    "{}",
                    text_with(
                        lang,
                        "cli-generated-password",
                        &[("password", generated.into())]
                    )
                )?;
            }
        }
        UserCommand::Token {
            email,
            name,
            org,
            expires_in_days,
        } => {
            let issued = rt.block_on(services.operator_issue_token(
                &email,
                &name,
                org.as_deref(),
                expires_in_days,
                now,
            ))?;
            // The token alone on standard output, so scripts can capture it.
            writeln!(out, "{}", issued.secret)?;
            eprintln!(
                "{}",
                text_with(
                    lang,
                    "cli-token-issued",
                    &[("org", issued.organisation.into())]
                )
            );
        }
    }
    rt.block_on(services.close());
    Ok(())
}

pub fn audit(args: AuditArgs, lang: Lang, out: &mut impl Write) -> Result<(), Failure> {
    let config = load_config(&args.database, RawConfig::default())?;
    let rt = runtime()?;
    let services = rt.block_on(open(&config))?;
    let AuditCommand::Verify = args.command;
    let report = rt.block_on(services.audit_verify())?;
    match report.first_broken {
        None => {
            writeln!(
                out,
                "{}",
                text_with(
                    lang,
                    "cli-audit-intact",
                    &[("count", (report.entries.max(0) as usize).into())]
                )
            )?;
            Ok(())
        }
        Some((seq, reason)) => Err(Failure::AuditBroken { seq, reason }),
    }
}
