//! The native command-line tool: `tacheron sensor-rules` prints the detection table that the
//! build turns into the content sensors' rule files.
#![allow(clippy::print_stdout, reason = "a command-line tool prints its output")]

use std::process::ExitCode;

const USAGE: &str = "usage: tacheron sensor-rules    print the sensors' detection table as JSON";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["sensor-rules"] => match serde_json::to_string_pretty(&tacheron::rules::sensor_table()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("tacheron: {error}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
