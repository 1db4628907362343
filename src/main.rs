use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match workplan::cli::parse() {
        Ok(cli) => cli,
        // Help and version (exit 0), or a usage error in Chinese (exit 2).
        Err(shown) => return shown,
    };
    match workplan::app::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("错误：{err}");
            workplan::app::Outcome::Failed.into()
        }
    }
}
