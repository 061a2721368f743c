//! The `stratus` binary. Natively: the command-line runner
//! (`stratus run FILE [--trace]`, `stratus share FILE`). In the browser
//! (wasm32): the entry point that mounts the Leptos app.

#[cfg(target_arch = "wasm32")]
fn main() {
    stratus::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{Read, Write};
    use stratus::scenario::{codec, runner, Scenario};

    const USAGE: &str = "usage:
  stratus run FILE [--trace]   run a scenario (FILE or - for stdin); one JSON line per step
  stratus share FILE           print the share-URL fragment (#s=...) of a scenario";

    pub fn main(args: Vec<String>) -> i32 {
        let (command, rest) = match args.split_first() {
            Some((c, rest)) => (c.as_str(), rest),
            None => {
                eprintln!("{USAGE}");
                return 2;
            }
        };
        let trace = rest.iter().any(|a| a == "--trace");
        let files: Vec<&String> = rest.iter().filter(|a| *a != "--trace").collect();
        let [file] = files.as_slice() else {
            eprintln!("{USAGE}");
            return 2;
        };
        let text = match read(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("stratus: cannot read {file}: {e}");
                return 1;
            }
        };
        let scenario = match Scenario::from_json_str(&text) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("stratus: {file}: {e}");
                return 1;
            }
        };
        let out = match command {
            "run" => runner::render(scenario, trace),
            "share" => format!("{}\n", codec::fragment(&scenario)),
            _ => {
                eprintln!("{USAGE}");
                return 2;
            }
        };
        match std::io::stdout().lock().write_all(out.as_bytes()) {
            Ok(()) => 0,
            Err(_) => 1,
        }
    }

    fn read(file: &str) -> std::io::Result<String> {
        if file == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            Ok(s)
        } else {
            std::fs::read_to_string(file)
        }
    }
}
