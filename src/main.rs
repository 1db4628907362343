use std::process::ExitCode;

use clap::Parser;

/// polars allocates and frees many buffers from several threads; mimalloc
/// keeps the peak lower than glibc's allocator does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
