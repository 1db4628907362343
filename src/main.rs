use std::process::ExitCode;

fn main() -> ExitCode {
    workplan::app::return_large_blocks();
    let cli = match workplan::cli::parse() {
        Ok(cli) => cli,
        // Help and the version (stdout, exit 0), or a usage error in
        // Chinese (stderr, exit 2).
        Err(shown) => {
            let _ = shown.print();
            return ExitCode::from(u8::try_from(shown.exit_code()).unwrap_or(2));
        }
    };
    match workplan::app::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("错误：{err}");
            workplan::app::Outcome::Failed.into()
        }
    }
}
