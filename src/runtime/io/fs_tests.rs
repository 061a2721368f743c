//! `fs` as a Lambda function sees it: `/var/task` is the read-only package,
//! `/tmp` is writable, lives as long as the execution environment and is
//! bounded by its ephemeral storage; errors carry Node's message, code,
//! errno, syscall and path.

use serde_json::json;

use super::crypto_tests::{answer, answer_in, env_for};
use crate::runtime::tests::{config, T0};
use crate::runtime::Environment;

fn with_package(body: &str, storage_mb: u32) -> Environment {
    let source = format!(
        "import fs from 'node:fs'; import fsp from 'node:fs/promises';\nexport const handler = async (event) => {{ {body} }};"
    );
    let mut c = config(
        "index.handler",
        &[
            ("index.mjs", source.as_str()),
            ("data/config.json", "{\"stage\":\"dev\"}"),
            ("data/notes.txt", "hello"),
        ],
    );
    c.limits.max_steps = 2_000_000;
    c.ephemeral_storage_mb = storage_mb;
    Environment::init(c, T0).expect("init")
}

#[test]
fn files_written_to_tmp_read_back_with_stats_in_virtual_time() {
    let v = answer(
        "fs.writeFileSync('/tmp/a.txt', 'héllo');
         fs.appendFileSync('/tmp/a.txt', Buffer.from(' world'));
         const st = fs.statSync('/tmp/a.txt');
         fs.mkdirSync('/tmp/d/e', { recursive: true });
         fs.writeFileSync('/tmp/d/e/f.json', JSON.stringify({ n: 1 }));
         fs.mkdirSync('/tmp/c');
         fs.writeFileSync('/tmp/c/x.txt', '');
         return [fs.readFileSync('/tmp/a.txt', 'utf8'), fs.readFileSync('/tmp/a.txt').length, st.size, st.isFile(), st.isDirectory(),
                 st.mtimeMs === Date.now(), st.mtime instanceof Date, fs.existsSync('/tmp/d'), fs.existsSync('/tmp/nope'),
                 fs.readdirSync('/tmp'), fs.readdirSync('/tmp/d', { withFileTypes: true }).map((d) => [d.name, d.isDirectory(), d.parentPath]),
                 fs.readdirSync('/tmp', { recursive: true }), JSON.parse(fs.readFileSync('/tmp/d/e/f.json', { encoding: 'utf8' })).n];",
    );
    assert_eq!(
        v,
        json!([
            "héllo world",
            12,
            12,
            true,
            false,
            true,
            true,
            true,
            false,
            ["a.txt", "c", "d"],
            [["e", true, "/tmp/d"]],
            ["a.txt", "c", "d", "c/x.txt", "d/e", "d/e/f.json"],
            1
        ])
    );
}

#[test]
fn tmp_lasts_as_long_as_the_execution_environment() {
    let body = "const seen = fs.existsSync('/tmp/count') ? Number(fs.readFileSync('/tmp/count', 'utf8')) : 0; fs.writeFileSync('/tmp/count', String(seen + 1)); return seen + 1;";
    let mut env = env_for(body);
    assert_eq!(answer_in(&mut env, "r1"), json!(1));
    assert_eq!(answer_in(&mut env, "r2"), json!(2));
    // A new execution environment (a cold start) starts with an empty /tmp.
    let mut fresh = env_for(body);
    assert_eq!(answer_in(&mut fresh, "r3"), json!(1));
}

#[test]
fn the_deployment_package_is_read_only_at_var_task_and_the_working_directory() {
    let mut env = with_package(
        "const out = [fs.readFileSync('/var/task/data/notes.txt', 'utf8'), JSON.parse(fs.readFileSync('data/config.json')).stage,
                      fs.readdirSync('/var/task'), fs.readdirSync('./data'), fs.statSync('/var/task/data').isDirectory(), fs.readdirSync('/opt')];
         for (const f of [() => fs.writeFileSync('/var/task/x.txt', 'x'), () => fs.writeFileSync('out.txt', 'x'), () => fs.mkdirSync('/var/task/new'),
                          () => fs.unlinkSync('/var/task/data/notes.txt'), () => fs.accessSync('/var/task/index.mjs', fs.constants.W_OK)]) {
           try { f(); out.push('no error'); } catch (e) { out.push(e.message); }
         }
         fs.accessSync('/var/task/index.mjs', fs.constants.R_OK);
         return out;",
        512,
    );
    assert_eq!(
        answer_in(&mut env, "r"),
        json!([
            "hello",
            "dev",
            ["data", "index.mjs"],
            ["config.json", "notes.txt"],
            true,
            [],
            "EROFS: read-only file system, open '/var/task/x.txt'",
            "EROFS: read-only file system, open 'out.txt'",
            "EROFS: read-only file system, mkdir '/var/task/new'",
            "EROFS: read-only file system, unlink '/var/task/data/notes.txt'",
            "EROFS: read-only file system, access '/var/task/index.mjs'"
        ])
    );
}

#[test]
fn missing_files_fail_with_nodes_enoent_error() {
    let v = answer(
        "const out = [];
         for (const f of [() => fs.readFileSync('/tmp/x'), () => fs.statSync('/tmp/x'), () => fs.readdirSync('/tmp/x'), () => fs.writeFileSync('/tmp/no/dir/f', ''),
                          () => fs.renameSync('/tmp/a', '/tmp/b'), () => fs.rmSync('/tmp/x')]) {
           try { f(); out.push('no error'); } catch (e) { out.push([e.message, e.code, e.errno, e.syscall, e.path, e.dest === undefined ? null : e.dest]); }
         }
         out.push(fs.statSync('/tmp/x', { throwIfNoEntry: false }) === undefined);
         fs.rmSync('/tmp/x', { force: true });
         out.push(await fs.promises.readFile('/tmp/x').catch((e) => e.code));
         out.push(await new Promise((r) => fs.readFile('/tmp/x', 'utf8', (e, d) => r(e ? e.message : d))));
         return out;",
    );
    assert_eq!(
        v,
        json!([
            [
                "ENOENT: no such file or directory, open '/tmp/x'",
                "ENOENT",
                -2,
                "open",
                "/tmp/x",
                null
            ],
            [
                "ENOENT: no such file or directory, stat '/tmp/x'",
                "ENOENT",
                -2,
                "stat",
                "/tmp/x",
                null
            ],
            [
                "ENOENT: no such file or directory, scandir '/tmp/x'",
                "ENOENT",
                -2,
                "scandir",
                "/tmp/x",
                null
            ],
            [
                "ENOENT: no such file or directory, open '/tmp/no/dir/f'",
                "ENOENT",
                -2,
                "open",
                "/tmp/no/dir/f",
                null
            ],
            [
                "ENOENT: no such file or directory, rename '/tmp/a' -> '/tmp/b'",
                "ENOENT",
                -2,
                "rename",
                "/tmp/a",
                "/tmp/b"
            ],
            [
                "ENOENT: no such file or directory, lstat '/tmp/x'",
                "ENOENT",
                -2,
                "lstat",
                "/tmp/x",
                null
            ],
            true,
            "ENOENT",
            "ENOENT: no such file or directory, open '/tmp/x'"
        ])
    );
}

#[test]
fn directories_are_made_renamed_and_removed_as_in_node() {
    let v = answer(
        "const out = [fs.mkdirSync('/tmp/a/b/c', { recursive: true }), fs.mkdirSync('/tmp/a/b/c', { recursive: true }), fs.mkdirSync('/tmp/solo')];
         fs.writeFileSync('/tmp/a/b/c/f.txt', 'data');
         for (const f of [() => fs.mkdirSync('/tmp/solo'), () => fs.rmdirSync('/tmp/a'), () => fs.rmSync('/tmp/a'), () => fs.readFileSync('/tmp/a')]) {
           try { f(); out.push('no error'); } catch (e) { out.push(e.code + ': ' + e.message); }
         }
         fs.renameSync('/tmp/a/b', '/tmp/moved');
         out.push(fs.readFileSync('/tmp/moved/c/f.txt', 'utf8'), fs.existsSync('/tmp/a/b'));
         fs.copyFileSync('/tmp/moved/c/f.txt', '/tmp/copy.txt');
         fs.rmSync('/tmp/moved', { recursive: true });
         out.push(fs.readdirSync('/tmp'), await fs.promises.readFile('/tmp/copy.txt', 'utf8'));
         const t = fs.mkdtempSync('/tmp/job-');
         out.push(/^\\/tmp\\/job-[A-Za-z0-9]{6}$/.test(t), fs.statSync(t).isDirectory());
         return out;",
    );
    assert_eq!(
        v,
        json!([
            "/tmp/a",
            null,
            null,
            "EEXIST: EEXIST: file already exists, mkdir '/tmp/solo'",
            "ENOTEMPTY: ENOTEMPTY: directory not empty, rmdir '/tmp/a'",
            "ERR_FS_EISDIR: Path is a directory: rm returned EISDIR (is a directory) /tmp/a",
            "EISDIR: EISDIR: illegal operation on a directory, read",
            "data",
            false,
            ["a", "copy.txt", "solo"],
            "data",
            true,
            true
        ])
    );
}

#[test]
fn tmp_is_bounded_by_the_functions_ephemeral_storage() {
    let mut env = with_package(
        "const mb = Buffer.alloc(1024 * 1024);
         fs.writeFileSync('/tmp/one', mb);
         try { fs.appendFileSync('/tmp/one', 'x'); return 'no error'; } catch (e) { return [e.message, e.code, e.errno, e.syscall, e.path === undefined]; }",
        1,
    );
    assert_eq!(
        answer_in(&mut env, "r"),
        json!([
            "ENOSPC: no space left on device, write",
            "ENOSPC",
            -28,
            "write",
            true
        ])
    );
}

#[test]
fn file_descriptors_read_and_write_at_positions_and_fd_1_is_the_log() {
    let mut env = env_for(
        "const fd = fs.openSync('/tmp/log.txt', 'w');
         fs.writeSync(fd, 'hello ');
         fs.writeSync(fd, Buffer.from('world'));
         fs.writeSync(fd, 'J', 0);
         fs.closeSync(fd);
         const r = fs.openSync('/tmp/log.txt');
         const buf = Buffer.alloc(5);
         const n = fs.readSync(r, buf, 0, 5, 6);
         const size = fs.fstatSync(r).size;
         fs.closeSync(r);
         const out = [fs.readFileSync('/tmp/log.txt', 'utf8'), n, buf.toString(), size];
         for (const f of [() => fs.closeSync(r), () => fs.openSync('/tmp/missing'), () => fs.openSync('/var/task/index.mjs', 'a')]) {
           try { f(); out.push('no error'); } catch (e) { out.push(e.message); }
         }
         const h = await fs.promises.open('/tmp/h.txt', 'a+');
         await h.appendFile('one\\n'); await h.write('two\\n');
         out.push((await h.readFile('utf8')).split('\\n').length, (await h.stat()).size);
         await h.close();
         fs.writeSync(1, '{\"level\":30,\"msg\":\"from pino\"}\\n');
         return out;",
    );
    let out = crate::runtime::tests::run_through_waits(&mut env, "r", T0 + 1_000);
    assert_eq!(
        out.result,
        Ok(json!([
            "Jello world",
            5,
            "world",
            11,
            "EBADF: bad file descriptor, close",
            "ENOENT: no such file or directory, open '/tmp/missing'",
            "EROFS: read-only file system, open '/var/task/index.mjs'",
            3,
            8
        ]))
    );
    assert!(
        out.logs
            .iter()
            .any(|l| l.line == "{\"level\":30,\"msg\":\"from pino\"}"),
        "{:?}",
        out.logs
    );
}

#[test]
fn everything_outside_tmp_is_read_only_and_the_root_has_lambdas_directories() {
    let mut env = env_for(
        "const out = [fs.readdirSync('/'), fs.readdirSync('/var'), fs.statSync('/etc').isDirectory()];
         for (const f of [() => fs.writeFileSync('/etc/motd', 'x'), () => fs.mkdirSync('/usr/x'), () => fs.writeFileSync('/nowhere/x', 'x')]) {
           try { f(); out.push('no error'); } catch (e) { out.push(e.code); }
         }
         return out;",
    );
    assert_eq!(
        answer_in(&mut env, "r"),
        json!([
            ["bin", "dev", "etc", "lib", "lib64", "opt", "proc", "sbin", "tmp", "usr", "var"],
            ["lang", "runtime", "task"],
            true,
            "EROFS",
            "EROFS",
            "ENOENT"
        ])
    );
}
