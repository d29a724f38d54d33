//! The `candor` command-line tool: a thin wrapper around `candor::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let code = candor::cli::run(
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::ExitCode::from(code)
}

// The tool is native; on wasm32 this binary has nothing to do.
#[cfg(target_arch = "wasm32")]
fn main() {}
