//! One layered configuration: defaults, then `procura.toml`, then `PROCURA_*`
//! environment variables, then command-line flags — parsed once into a
//! validated [`Config`] that is passed explicitly to whoever needs it.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use procura_store::DatabaseUrl;
use serde::Deserialize;

use crate::auth::SessionPolicy;
use crate::network::IpNetwork;

/// A value that must never appear in logs: `Debug` and `Display` hide it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Settings as written in a file, the environment or flags; every field optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub listen: Option<String>,
    pub database: Option<Secret>,
    pub public_url: Option<String>,
    pub data_dir: Option<String>,
    pub log_format: Option<String>,
    pub public_catalogue: Option<bool>,
    pub session_idle_minutes: Option<u64>,
    pub session_absolute_hours: Option<u64>,
    pub max_body_bytes: Option<u64>,
    pub max_upload_bytes: Option<u64>,
    pub request_timeout_seconds: Option<u64>,
    pub header_read_timeout_seconds: Option<u64>,
    pub idle_timeout_seconds: Option<u64>,
    pub max_connections: Option<u64>,
    pub trusted_proxies: Option<Vec<String>>,
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file is invalid: {0}")]
    File(String),
    #[error("{name} is invalid: {reason}")]
    Value { name: &'static str, reason: String },
}

impl RawConfig {
    pub fn from_toml(text: &str) -> Result<RawConfig, ConfigError> {
        toml::from_str(text).map_err(|error| ConfigError::File(error.to_string()))
    }

    /// Reads `PROCURA_*` variables from the pairs given (the caller passes the
    /// process environment; tests pass their own).
    pub fn from_env(
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<RawConfig, ConfigError> {
        let mut raw = RawConfig::default();
        for (name, value) in vars {
            match name.as_str() {
                "PROCURA_LISTEN" => raw.listen = Some(value),
                "PROCURA_DATABASE" | "PROCURA_DATABASE_URL" => raw.database = Some(Secret(value)),
                "PROCURA_PUBLIC_URL" => raw.public_url = Some(value),
                "PROCURA_DATA_DIR" => raw.data_dir = Some(value),
                "PROCURA_LOG_FORMAT" => raw.log_format = Some(value),
                "PROCURA_PUBLIC_CATALOGUE" => {
                    raw.public_catalogue = Some(parse_bool("PROCURA_PUBLIC_CATALOGUE", &value)?)
                }
                "PROCURA_SESSION_IDLE_MINUTES" => {
                    raw.session_idle_minutes =
                        Some(parse_number("PROCURA_SESSION_IDLE_MINUTES", &value)?)
                }
                "PROCURA_SESSION_ABSOLUTE_HOURS" => {
                    raw.session_absolute_hours =
                        Some(parse_number("PROCURA_SESSION_ABSOLUTE_HOURS", &value)?)
                }
                "PROCURA_MAX_BODY_BYTES" => {
                    raw.max_body_bytes = Some(parse_number("PROCURA_MAX_BODY_BYTES", &value)?)
                }
                "PROCURA_MAX_UPLOAD_BYTES" => {
                    raw.max_upload_bytes = Some(parse_number("PROCURA_MAX_UPLOAD_BYTES", &value)?)
                }
                "PROCURA_REQUEST_TIMEOUT_SECONDS" => {
                    raw.request_timeout_seconds =
                        Some(parse_number("PROCURA_REQUEST_TIMEOUT_SECONDS", &value)?)
                }
                "PROCURA_HEADER_READ_TIMEOUT_SECONDS" => {
                    raw.header_read_timeout_seconds =
                        Some(parse_number("PROCURA_HEADER_READ_TIMEOUT_SECONDS", &value)?)
                }
                "PROCURA_IDLE_TIMEOUT_SECONDS" => {
                    raw.idle_timeout_seconds =
                        Some(parse_number("PROCURA_IDLE_TIMEOUT_SECONDS", &value)?)
                }
                "PROCURA_MAX_CONNECTIONS" => {
                    raw.max_connections = Some(parse_number("PROCURA_MAX_CONNECTIONS", &value)?)
                }
                "PROCURA_TRUSTED_PROXIES" => {
                    raw.trusted_proxies = Some(
                        value
                            .split([',', ' '])
                            .map(str::trim)
                            .filter(|entry| !entry.is_empty())
                            .map(str::to_owned)
                            .collect(),
                    )
                }
                _ => {}
            }
        }
        Ok(raw)
    }

    /// `over` wins wherever it says something.
    pub fn overlay(self, over: RawConfig) -> RawConfig {
        RawConfig {
            listen: over.listen.or(self.listen),
            database: over.database.or(self.database),
            public_url: over.public_url.or(self.public_url),
            data_dir: over.data_dir.or(self.data_dir),
            log_format: over.log_format.or(self.log_format),
            public_catalogue: over.public_catalogue.or(self.public_catalogue),
            session_idle_minutes: over.session_idle_minutes.or(self.session_idle_minutes),
            session_absolute_hours: over.session_absolute_hours.or(self.session_absolute_hours),
            max_body_bytes: over.max_body_bytes.or(self.max_body_bytes),
            max_upload_bytes: over.max_upload_bytes.or(self.max_upload_bytes),
            request_timeout_seconds: over
                .request_timeout_seconds
                .or(self.request_timeout_seconds),
            header_read_timeout_seconds: over
                .header_read_timeout_seconds
                .or(self.header_read_timeout_seconds),
            idle_timeout_seconds: over.idle_timeout_seconds.or(self.idle_timeout_seconds),
            max_connections: over.max_connections.or(self.max_connections),
            trusted_proxies: over.trusted_proxies.or(self.trusted_proxies),
        }
    }
}

fn parse_bool(name: &'static str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ConfigError::Value {
            name,
            reason: format!("expected true or false, got {value:?}"),
        }),
    }
}

fn parse_number(name: &'static str, value: &str) -> Result<u64, ConfigError> {
    value.trim().parse().map_err(|_| ConfigError::Value {
        name,
        reason: format!("expected a whole number, got {value:?}"),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Human,
    Json,
}

/// The address people use to reach Procura; it decides `Secure` cookies and
/// which `Origin` a browser form may come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    origin: String,
}

impl PublicUrl {
    pub fn parse(input: &str) -> Result<PublicUrl, ConfigError> {
        let invalid = |reason: &str| ConfigError::Value {
            name: "public_url",
            reason: format!("{reason}: {input:?}"),
        };
        let trimmed = input.trim().trim_end_matches('/');
        let rest = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))
            .ok_or_else(|| invalid("must start with http:// or https://"))?;
        if rest.is_empty() || rest.contains(['/', '?', '#', ' ', '@']) {
            return Err(invalid(
                "must be a scheme and host, such as https://procura.chu.example",
            ));
        }
        Ok(PublicUrl {
            origin: trimmed.to_ascii_lowercase(),
        })
    }

    pub fn is_https(&self) -> bool {
        self.origin.starts_with("https://")
    }

    /// `scheme://host[:port]`, as browsers send in `Origin`.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// More connections than this would exhaust file descriptors long before.
const MAX_CONNECTIONS_CEILING: u64 = 1_000_000;

/// The validated configuration of a server.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub database: DatabaseUrl,
    pub public_url: PublicUrl,
    /// No public URL was configured: it follows the listening address.
    pub public_url_is_derived: bool,
    pub data_dir: PathBuf,
    pub log_format: LogFormat,
    pub public_catalogue: bool,
    pub sessions: SessionPolicy,
    pub max_body_bytes: usize,
    /// Evidence files may be larger than other requests.
    pub max_upload_bytes: usize,
    pub request_timeout: Duration,
    /// A client must send a request's headers within this time, on a new
    /// connection and between the requests of a kept-alive one.
    pub header_read_timeout: Duration,
    /// A connection on which no byte moves for this long, while Procura is
    /// not working on one of its requests, is closed.
    pub idle_timeout: Duration,
    /// Connections served at once; further ones wait to be accepted.
    pub max_connections: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNetwork>,
}

impl Config {
    pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

    /// Records the address actually bound (port 0 picks a free one), which
    /// a derived public URL follows.
    pub fn bound_to(mut self, address: SocketAddr) -> Result<Config, ConfigError> {
        self.listen = address;
        if self.public_url_is_derived {
            self.public_url = PublicUrl::parse(&format!("http://{address}"))?;
        }
        Ok(self)
    }

    pub fn from_raw(raw: RawConfig) -> Result<Config, ConfigError> {
        let listen_text = raw.listen.as_deref().unwrap_or(Self::DEFAULT_LISTEN);
        let listen: SocketAddr = listen_text.parse().map_err(|_| ConfigError::Value {
            name: "listen",
            reason: format!("expected an address such as 127.0.0.1:8080, got {listen_text:?}"),
        })?;
        let data_dir = PathBuf::from(raw.data_dir.as_deref().unwrap_or("./procura-data"));
        let database = match &raw.database {
            Some(url) if !url.expose().trim().is_empty() => DatabaseUrl::parse(url.expose()),
            _ => DatabaseUrl::Sqlite(data_dir.join("procura.db")),
        };
        let public_url = match &raw.public_url {
            Some(url) => PublicUrl::parse(url)?,
            None => PublicUrl::parse(&format!("http://{listen}"))?,
        };
        let log_format = match raw.log_format.as_deref().map(str::trim) {
            None | Some("human") | Some("text") => LogFormat::Human,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::Value {
                    name: "log_format",
                    reason: format!("expected human or json, got {other:?}"),
                });
            }
        };
        let positive =
            |name: &'static str, value: Option<u64>, default: u64| -> Result<u64, ConfigError> {
                match value.unwrap_or(default) {
                    0 => Err(ConfigError::Value {
                        name,
                        reason: "must be greater than zero".into(),
                    }),
                    value => Ok(value),
                }
            };
        let idle = positive("session_idle_minutes", raw.session_idle_minutes, 60)?;
        let absolute = positive("session_absolute_hours", raw.session_absolute_hours, 12)?;
        let max_body = positive("max_body_bytes", raw.max_body_bytes, 2 * 1024 * 1024)?;
        let timeout = positive("request_timeout_seconds", raw.request_timeout_seconds, 30)?;
        let max_upload = positive("max_upload_bytes", raw.max_upload_bytes, 25 * 1024 * 1024)?;
        let header_read = positive(
            "header_read_timeout_seconds",
            raw.header_read_timeout_seconds,
            10,
        )?;
        let idle_timeout = positive("idle_timeout_seconds", raw.idle_timeout_seconds, 60)?;
        let max_connections = positive("max_connections", raw.max_connections, 1024)?;
        if max_connections > MAX_CONNECTIONS_CEILING {
            return Err(ConfigError::Value {
                name: "max_connections",
                reason: format!("must be at most {MAX_CONNECTIONS_CEILING}"),
            });
        }
        let trusted_proxies = raw
            .trusted_proxies
            .iter()
            .flatten()
            .map(|entry| {
                IpNetwork::parse(entry).ok_or_else(|| ConfigError::Value {
                    name: "trusted_proxies",
                    reason: format!(
                        "expected an address or a CIDR block such as 10.0.0.0/8, got {entry:?}"
                    ),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Config {
            listen,
            database,
            public_url_is_derived: raw.public_url.is_none(),
            public_url,
            data_dir,
            log_format,
            public_catalogue: raw.public_catalogue.unwrap_or(false),
            sessions: SessionPolicy {
                idle_seconds: i64::try_from(idle.saturating_mul(60)).unwrap_or(i64::MAX),
                absolute_seconds: i64::try_from(absolute.saturating_mul(3600)).unwrap_or(i64::MAX),
            },
            max_body_bytes: usize::try_from(max_body).unwrap_or(usize::MAX),
            max_upload_bytes: usize::try_from(max_upload).unwrap_or(usize::MAX),
            request_timeout: Duration::from_secs(timeout),
            header_read_timeout: Duration::from_secs(header_read),
            idle_timeout: Duration::from_secs(idle_timeout),
            max_connections: usize::try_from(max_connections).unwrap_or(usize::MAX),
            trusted_proxies,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn layers_override_in_order() {
        let file =
            RawConfig::from_toml("listen = \"127.0.0.1:9000\"\npublic_catalogue = true\n").unwrap();
        let environment = RawConfig::from_env(env(&[
            ("PROCURA_LISTEN", "127.0.0.1:9100"),
            ("HOME", "/root"),
        ]))
        .unwrap();
        let flags = RawConfig {
            public_url: Some("https://procura.chu.example/".into()),
            ..RawConfig::default()
        };
        let config = Config::from_raw(file.overlay(environment).overlay(flags)).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:9100");
        assert!(config.public_catalogue);
        assert!(config.public_url.is_https());
        assert_eq!(config.public_url.origin(), "https://procura.chu.example");
        assert!(matches!(config.database, DatabaseUrl::Sqlite(_)));
    }

    #[test]
    fn defaults_are_a_local_sqlite_server() {
        let config = Config::from_raw(RawConfig::default()).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.public_url.origin(), "http://127.0.0.1:8080");
        assert_eq!(
            config.database,
            DatabaseUrl::Sqlite(PathBuf::from("./procura-data/procura.db"))
        );
        assert_eq!(config.log_format, LogFormat::Human);
        assert_eq!(config.sessions.idle_seconds, 3600);
    }

    #[test]
    fn connection_limits_and_trusted_proxies() {
        let defaults = Config::from_raw(RawConfig::default()).unwrap();
        assert_eq!(defaults.header_read_timeout, Duration::from_secs(10));
        assert_eq!(defaults.idle_timeout, Duration::from_secs(60));
        assert_eq!(defaults.max_connections, 1024);
        assert!(defaults.trusted_proxies.is_empty());
        let file = RawConfig::from_toml(
            "header_read_timeout_seconds = 5\ntrusted_proxies = [\"10.0.0.0/8\"]\n",
        )
        .unwrap();
        let environment = RawConfig::from_env(env(&[
            ("PROCURA_IDLE_TIMEOUT_SECONDS", "120"),
            ("PROCURA_MAX_CONNECTIONS", "64"),
            ("PROCURA_TRUSTED_PROXIES", "127.0.0.1, ::1,192.168.0.0/16"),
        ]))
        .unwrap();
        let config = Config::from_raw(file.overlay(environment)).unwrap();
        assert_eq!(config.header_read_timeout, Duration::from_secs(5));
        assert_eq!(config.idle_timeout, Duration::from_secs(120));
        assert_eq!(config.max_connections, 64);
        assert_eq!(
            format!("{:?}", config.trusted_proxies),
            "[127.0.0.1/32, ::1/128, 192.168.0.0/16]"
        );
        for bad in [
            "trusted_proxies = [\"proxy.example\"]",
            "max_connections = 0",
            "max_connections = 2000000",
            "idle_timeout_seconds = 0",
        ] {
            let raw = RawConfig::from_toml(bad).unwrap();
            assert!(Config::from_raw(raw).is_err(), "{bad}");
        }
    }

    #[test]
    fn secrets_never_show_in_debug_output() {
        let raw = RawConfig::from_env(env(&[(
            "PROCURA_DATABASE",
            "postgres://procura:s3cr3t-pw@db.example/procura",
        )]))
        .unwrap();
        assert!(!format!("{raw:?}").contains("s3cr3t-pw"));
        let config = Config::from_raw(raw).unwrap();
        assert!(matches!(config.database, DatabaseUrl::Postgres(_)));
        assert!(!format!("{config:?}").contains("s3cr3t-pw"));
    }

    #[test]
    fn bad_values_are_named() {
        let error = Config::from_raw(RawConfig {
            listen: Some("localhost".into()),
            ..RawConfig::default()
        })
        .unwrap_err();
        assert!(
            error.to_string().starts_with("listen is invalid"),
            "{error}"
        );
        assert!(RawConfig::from_env(env(&[("PROCURA_PUBLIC_CATALOGUE", "maybe")])).is_err());
        assert!(PublicUrl::parse("ftp://x").is_err());
        assert!(PublicUrl::parse("https://x.example/path").is_err());
        assert!(RawConfig::from_toml("unknown_key = 1").is_err());
    }
}
