//! Which language the output speaks: `--lang`, then `PROCURA_LANG` (both read
//! by clap), then the system's `LANG`, then French.

use procura_domain::Lang;

pub fn choose(flag: Option<Lang>) -> Lang {
    flag.or_else(|| {
        std::env::var("LANG")
            .ok()
            .and_then(|value| Lang::parse(&value).ok())
    })
    .unwrap_or_default()
}
