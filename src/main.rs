use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = workplan::cli::Cli::parse();
    match workplan::app::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("错误：{err:#}");
            workplan::app::Outcome::Failed.into()
        }
    }
}
