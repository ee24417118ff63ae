//! A throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, started on a
//! free loopback port with `pg_ctl`, stopped and removed when dropped. As root (CI, fresh
//! machines) it runs as the `postgres` user, since `initdb` refuses root. The binaries come from
//! Debian's `postgresql` package (`tools/setup.sh build` installs it) or `TACHERON_PG_BIN`.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct TempPostgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres_user: bool,
}

fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TACHERON_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path().join("bin"))
                .collect()
        })
        .unwrap_or_default();
    candidates.retain(|dir| dir.join("initdb").exists());
    candidates.sort_by_key(|dir| {
        dir.parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    });
    candidates.pop().unwrap_or_else(|| {
        panic!("PostgreSQL's initdb was not found: run tools/setup.sh build (Debian package postgresql) or set TACHERON_PG_BIN")
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

impl TempPostgres {
    pub fn start(parent: &Path) -> TempPostgres {
        let dir = parent.join("pg");
        std::fs::create_dir_all(&dir).expect("pg dir");
        let server = TempPostgres {
            bin: bin_dir(),
            dir,
            port: free_port(),
            as_postgres_user: is_root(),
        };
        if server.as_postgres_user {
            server.must_run(Command::new("chown").arg("-R").arg("postgres:").arg(parent));
        }
        let data = server.dir.join("data");
        let mut initdb = server.command("initdb");
        initdb.arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "tacheron",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]);
        server.must_run(&mut initdb);
        server.start_again();
        server
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres_user {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }

    fn must_run(&self, command: &mut Command) {
        let output = command.output().expect("runs");
        assert!(
            output.status.success(),
            "{command:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    pub fn url(&self) -> String {
        format!("postgres://tacheron@127.0.0.1:{}/postgres", self.port)
    }

    /// Starts the server and waits until it accepts connections (`pg_ctl -w`).
    pub fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.display()
        );
        let mut start = self.command("pg_ctl");
        start
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-o", &options, "start"]);
        self.must_run(&mut start);
    }

    /// Stops the server and waits until it is down.
    pub fn stop(&self) {
        let mut stop = self.command("pg_ctl");
        stop.arg("-D")
            .arg(self.dir.join("data"))
            .args(["-w", "-m", "fast", "stop"]);
        self.must_run(&mut stop);
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let mut stop = self.command("pg_ctl");
        stop.arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"]);
        let _ = stop.output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
