// SandboxFs (server/sandboxfs.*) on its own, in a fixture sandbox directory full of symlinks:
// how paths resolve, what each operation answers, and the check-then-act races made
// deterministic: a hook swaps a directory or file for a symlink out of the sandbox right after
// the path was resolved, before it is acted on.

#include "server/sandboxfs.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace OrkestrLocal;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Secret = "host secret\n";

} // namespace

class TestSandboxFs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_root = m_dir->path() + u"/sbx"_s;
        for (const auto &dir : {u"workspace/dir/sub"_s, u"tmp/cache"_s, u"outside/sub"_s})
            QVERIFY(QDir().mkpath(m_root + u'/' + dir));
        file(u"workspace/a.txt"_s, "a");
        file(u"workspace/dir/b.txt"_s, "b");
        file(u"outside/secret"_s, Secret);
        file(u"outside/sub/secret2"_s, Secret);
        link(u".."_s, u"workspace/up"_s);
        link(u"../outside"_s, u"workspace/out"_s);
        link(u"/etc"_s, u"workspace/etc"_s);
        link(u"/tmp"_s, u"workspace/tmplink"_s);
        link(u"../tmp/cache"_s, u"workspace/cache"_s);
        link(u"/workspace/dir/sub"_s, u"workspace/abs_sub"_s);
        link(u"loop"_s, u"workspace/loop"_s);
        link(u"a.txt"_s, u"workspace/leaf"_s);
        link(u"../outside/secret"_s, u"workspace/leaf_out"_s);
        link(u"/workspace/dir"_s, u"tmp/back"_s);
        link(u"dir/.."_s, u"workspace/dotdot"_s);
        link(m_root + u"/outside"_s, u"workspace/host_out"_s); // a host path: in the sandbox, nothing
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("follow");
        QTest::addColumn<QString>("expected"); // below the sandbox dir; empty: refused
        QTest::newRow("plain") << u"/workspace/a.txt"_s << true << u"workspace/a.txt"_s;
        QTest::newRow("dotdot inside") << u"/workspace/dir/../a.txt"_s << true << u"workspace/a.txt"_s;
        QTest::newRow("root") << u"/tmp"_s << true << u"tmp"_s;
        QTest::newRow("dotdot out") << u"/workspace/../etc/passwd"_s << true << QString();
        QTest::newRow("relative") << u"workspace/a.txt"_s << true << QString();
        QTest::newRow("outside roots") << u"/etc/passwd"_s << true << QString();
        QTest::newRow("link up") << u"/workspace/up/x"_s << true << QString();
        QTest::newRow("link out") << u"/workspace/out/secret"_s << true << QString();
        QTest::newRow("absolute link to /etc") << u"/workspace/etc/passwd"_s << true << QString();
        QTest::newRow("absolute link to /tmp") << u"/workspace/tmplink/x"_s << true << u"tmp/x"_s;
        QTest::newRow("relative link across roots") << u"/workspace/cache/x"_s << true << QString();
        QTest::newRow("absolute chain") << u"/workspace/abs_sub/f"_s << true << u"workspace/dir/sub/f"_s;
        QTest::newRow("from tmp back") << u"/tmp/back/b.txt"_s << true << u"workspace/dir/b.txt"_s;
        QTest::newRow("loop") << u"/workspace/loop"_s << true << QString();
        QTest::newRow("leaf followed") << u"/workspace/leaf"_s << true << u"workspace/a.txt"_s;
        QTest::newRow("leaf not followed") << u"/workspace/leaf"_s << false << u"workspace/leaf"_s;
        QTest::newRow("leaf out followed") << u"/workspace/leaf_out"_s << true << QString();
        QTest::newRow("leaf out not followed")
            << u"/workspace/leaf_out"_s << false << u"workspace/leaf_out"_s;
        QTest::newRow("dir out, leaf not followed") << u"/workspace/out/secret"_s << false << QString();
        QTest::newRow("link to dir/..") << u"/workspace/dotdot/a.txt"_s << true << u"workspace/a.txt"_s;
        // A host path as a target means that path inside the sandbox (see the test).
        QTest::newRow("host path target") << u"/workspace/host_out/secret"_s << true << u"<host>"_s;
        QTest::newRow("missing directories") << u"/workspace/no/such/f"_s << true << u"workspace/no/such/f"_s;
        QTest::newRow("below a file") << u"/workspace/a.txt/x"_s << true << u"workspace/a.txt/x"_s;
    }

    void resolve()
    {
        QFETCH(QString, path);
        QFETCH(bool, follow);
        QFETCH(QString, expected);
        if (expected == u"<host>"_s) {
            // Under the sandbox's /tmp when the fixture is under /tmp, else outside the roots.
            const QString hostTarget = m_root + u"/outside/secret"_s;
            expected = hostTarget.startsWith(u"/tmp/"_s) ? hostTarget.mid(1) : QString();
        }
        const SandboxFs fs(m_root);
        SandboxFs::Resolved resolved;
        const auto problem = fs.resolve(path, follow ? SandboxFs::Leaf::Follow : SandboxFs::Leaf::NoFollow,
                                        SandboxFs::Missing::Absent, &resolved);
        if (expected.isEmpty()) {
            QVERIFY(problem);
            QCOMPARE(problem->status, 400);
            QCOMPARE(problem->type, u"invalid_path"_s);
            QCOMPARE(problem->extra.value(u"path"_s).toString(), path);
            return;
        }
        QVERIFY2(!problem, problem ? qPrintable(problem->message) : "");
        QCOMPARE(resolved.parts.join(u'/'), expected);
        QCOMPARE(fs.hostPath(resolved), m_root + u'/' + expected);
        // The name-based mapping the fuzz target checks is the same resolution.
        QString why;
        QCOMPARE(resolveSandboxPath(m_root, path, follow, &why), m_root + u'/' + expected);
    }

    void readAnswers()
    {
        const SandboxFs fs(m_root);
        UniqueFd fd;
        qint64 size = -1;
        QVERIFY(!fs.openForReading(u"/workspace/leaf"_s, &fd, &size));
        QCOMPARE(size, 1);
        char byte = 0;
        QCOMPARE(::read(fd.get(), &byte, 1), 1);
        QCOMPARE(byte, 'a');
        QCOMPARE(fs.openForReading(u"/workspace/leaf_out"_s, &fd, &size)->type, u"invalid_path"_s);
        QCOMPARE(fs.openForReading(u"/workspace/nothing"_s, &fd, &size)->status, 404);
        QCOMPARE(fs.openForReading(u"/workspace/no/such/f"_s, &fd, &size)->status, 404);
        QCOMPARE(fs.openForReading(u"/workspace/a.txt/x"_s, &fd, &size)->status, 404);
        const auto directory = fs.openForReading(u"/workspace/dir"_s, &fd, &size);
        QCOMPARE(directory->status, 400);
        QCOMPARE(directory->message, u"/workspace/dir is a directory; use files/list."_s);
        // A FIFO made in the sandbox is refused at once instead of blocking the server.
        QCOMPARE(::mkfifo(QFile::encodeName(m_root + u"/workspace/fifo"_s).constData(), 0644), 0);
        QElapsedTimer timer;
        timer.start();
        const auto fifo = fs.openForReading(u"/workspace/fifo"_s, &fd, &size);
        QCOMPARE(fifo->status, 400);
        QCOMPARE(fifo->type, u"invalid_request"_s);
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(::truncate(QFile::encodeName(m_root + u"/workspace/a.txt"_s).constData(), 300LL << 20), 0);
        const auto big = fs.openForReading(u"/workspace/a.txt"_s, &fd, &size);
        QCOMPARE(big->status, 413);
        QCOMPARE(big->extra.value(u"max_bytes"_s).toInteger(), MaxFileBytes);
    }

    void writeIsWholeAndLeavesNothingBehind()
    {
        const SandboxFs fs(m_root);
        const auto pieces = [](const QList<QByteArray> &list) {
            return [list](const SandboxFs::Writer &write) -> std::optional<RequestProblem> {
                for (const auto &piece : list)
                    if (!write(piece))
                        return RequestProblem {500, u"internal"_s, u"write failed"_s, {}};
                return std::nullopt;
            };
        };
        QJsonObject entry;
        QVERIFY(!fs.writeFile(u"/workspace/new/deep/f.txt"_s, 0640, pieces({"hello ", "world"}), &entry));
        QCOMPARE(readFile(u"workspace/new/deep/f.txt"_s), QByteArray("hello world"));
        QCOMPARE(entry.value(u"name"_s).toString(), u"f.txt"_s);
        QCOMPARE(entry.value(u"size"_s).toInt(), 11);
        QCOMPARE(entry.value(u"mode"_s).toInt(), 0640);
        QCOMPARE(entry.value(u"is_dir"_s).toBool(), false);
        QVERIFY(entry.value(u"modified_at"_s).toString().endsWith(u'Z'));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(m_root + u"/workspace/new/deep/f.txt"_s).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), 0640);

        // Replaced whole: a new inode, so a reader of the old one never sees a mix.
        const ino_t before = st.st_ino;
        QVERIFY(!fs.writeFile(u"/workspace/new/deep/f.txt"_s, 0644, pieces({"v2"}), &entry));
        QCOMPARE(::stat(QFile::encodeName(m_root + u"/workspace/new/deep/f.txt"_s).constData(), &st), 0);
        QVERIFY(st.st_ino != before);
        QCOMPARE(readFile(u"workspace/new/deep/f.txt"_s), QByteArray("v2"));

        // An abandoned write leaves the old file and no temporary file.
        const auto refused = fs.writeFile(
            u"/workspace/new/deep/f.txt"_s, 0644,
            [](const SandboxFs::Writer &write) -> std::optional<RequestProblem> {
                write("partial");
                return RequestProblem {400, u"invalid_request"_s, u"broken"_s, {}};
            },
            &entry);
        QCOMPARE(refused->message, u"broken"_s);
        QCOMPARE(readFile(u"workspace/new/deep/f.txt"_s), QByteArray("v2"));
        QCOMPARE(QDir(m_root + u"/workspace/new/deep"_s)
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
                 QStringList {u"f.txt"_s});

        // Through a leaf link inside: the target is written, the link stays.
        QVERIFY(!fs.writeFile(u"/workspace/leaf"_s, 0644, pieces({"via link"}), &entry));
        QVERIFY(QFileInfo(m_root + u"/workspace/leaf"_s).isSymLink());
        QCOMPARE(readFile(u"workspace/a.txt"_s), QByteArray("via link"));

        // Refused: links out (leaf and directory), a directory, a root, a file as a directory.
        QCOMPARE(fs.writeFile(u"/workspace/leaf_out"_s, 0644, pieces({"x"}), &entry)->type,
                 u"invalid_path"_s);
        QCOMPARE(fs.writeFile(u"/workspace/out/new"_s, 0644, pieces({"x"}), &entry)->type, u"invalid_path"_s);
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        QVERIFY(!QFileInfo::exists(m_root + u"/outside/new"_s));
        QCOMPARE(fs.writeFile(u"/workspace/dir"_s, 0644, pieces({"x"}), &entry)->message,
                 u"/workspace/dir is a directory."_s);
        QCOMPARE(fs.writeFile(u"/workspace"_s, 0644, pieces({"x"}), &entry)->status, 400);
        QCOMPARE(fs.writeFile(u"/workspace/dir/b.txt/x"_s, 0644, pieces({"x"}), &entry)->message,
                 u"Cannot create the parent directories of /workspace/dir/b.txt/x."_s);
    }

    void listDescribesLinksWithoutFollowingThemOut()
    {
        const SandboxFs fs(m_root);
        QJsonArray entries;
        QVERIFY(!fs.list(u"/workspace"_s, &entries));
        QStringList names;
        QHash<QString, QJsonObject> byName;
        for (const auto &value : std::as_const(entries)) {
            names.append(value.toObject().value(u"name"_s).toString());
            byName.insert(names.last(), value.toObject());
        }
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);
        QVERIFY(names.contains(u"leaf_out"_s) && names.contains(u"out"_s));
        QCOMPARE(byName.value(u"a.txt"_s).value(u"size"_s).toInt(), 1);
        QCOMPARE(byName.value(u"dir"_s).value(u"is_dir"_s).toBool(), true);
        // Inside: described by the target. Out: as a link (not a directory, no size).
        QCOMPARE(byName.value(u"abs_sub"_s).value(u"is_dir"_s).toBool(), true);
        QCOMPARE(byName.value(u"leaf"_s).value(u"size"_s).toInt(), 1);
        QCOMPARE(byName.value(u"out"_s).value(u"is_dir"_s).toBool(), false);
        QCOMPARE(byName.value(u"leaf_out"_s).value(u"size"_s).toInt(), 0);
        QCOMPARE(byName.value(u"etc"_s).value(u"is_dir"_s).toBool(), false);

        QCOMPARE(fs.list(u"/workspace/out"_s, &entries)->type, u"invalid_path"_s);
        QCOMPARE(fs.list(u"/workspace/nothing"_s, &entries)->status, 404);
        QCOMPARE(fs.list(u"/workspace/a.txt"_s, &entries)->message,
                 u"/workspace/a.txt is not a directory."_s);
    }

    void removeNeverFollowsLinks()
    {
        const SandboxFs fs(m_root);
        QVERIFY(QDir().mkpath(m_root + u"/workspace/tree/x/y"_s));
        file(u"workspace/tree/x/y/f"_s, "f");
        link(u"../../../../outside"_s, u"workspace/tree/x/y/out"_s);
        link(u"/etc"_s, u"workspace/tree/etc"_s);
        link(m_root + u"/outside"_s, u"workspace/tree/x/host"_s);
        link(u"../../outside/secret"_s, u"workspace/tree/secret"_s);
        const auto notEmpty = fs.remove(u"/workspace/tree"_s, false);
        QCOMPARE(notEmpty->extra.value(u"field"_s).toString(), u"recursive"_s);
        QVERIFY(!fs.remove(u"/workspace/tree"_s, true));
        QVERIFY(!QFileInfo::exists(m_root + u"/workspace/tree"_s));
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        QCOMPARE(readFile(u"outside/sub/secret2"_s), Secret);
        // A link is removed itself; a directory on the way out is refused; roots stay.
        QVERIFY(!fs.remove(u"/workspace/out"_s, true));
        QVERIFY(!QFileInfo(m_root + u"/workspace/out"_s).isSymLink());
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        // A host path as a target is the sandbox's path of that name: refused or not found, never the host's.
        QVERIFY(fs.remove(u"/workspace/host_out/secret"_s, false));
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        const auto root = fs.remove(u"/workspace"_s, true);
        QCOMPARE(root->type, u"invalid_path"_s);
        QCOMPARE(root->message, u"The roots /workspace and /tmp cannot be deleted."_s);
        QCOMPARE(fs.remove(u"/workspace/nothing"_s, false)->status, 404);
    }

    // The races, made deterministic: the hook runs between the resolution and the act.
    void directorySwappedAfterResolutionIsNotFollowed()
    {
        SandboxFs fs(m_root);
        QVERIFY(QDir().mkpath(m_root + u"/workspace/d"_s));
        file(u"workspace/d/f"_s, "inside");
        const auto swap = [this] {
            QVERIFY(QDir(m_root + u"/workspace"_s).rename(u"d"_s, u"d-moved"_s));
            link(u"../outside"_s, u"workspace/d"_s);
        };
        const auto unswap = [this] {
            QVERIFY(QFile::remove(m_root + u"/workspace/d"_s));
            QVERIFY(QDir(m_root + u"/workspace"_s).rename(u"d-moved"_s, u"d"_s));
        };
        // A write lands in the pinned directory (now d-moved), never outside.
        fs.afterResolveForTest = swap;
        QJsonObject entry;
        QVERIFY(!fs.writeFile(
            u"/workspace/d/secret"_s, 0644,
            [](const SandboxFs::Writer &write) -> std::optional<RequestProblem> {
                write("written");
                return std::nullopt;
            },
            &entry));
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        QCOMPARE(readFile(u"workspace/d-moved/secret"_s), QByteArray("written"));
        unswap();
        // A read reads the pinned directory's file, not the outside one of the same name.
        fs.afterResolveForTest = swap;
        UniqueFd fd;
        qint64 size = 0;
        QVERIFY(!fs.openForReading(u"/workspace/d/secret"_s, &fd, &size));
        QCOMPARE(size, 7);
        unswap();
        // A listing of a directory inside it lists the pinned one; a listing of the swapped
        // directory itself finds the link when it opens it (O_NOFOLLOW), resolves again and refuses it.
        QVERIFY(QDir().mkpath(m_root + u"/workspace/d/in"_s));
        file(u"workspace/d/in/g"_s, "g");
        fs.afterResolveForTest = swap;
        QJsonArray entries;
        QVERIFY(!fs.list(u"/workspace/d/in"_s, &entries));
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0).toObject().value(u"name"_s).toString(), u"g"_s);
        unswap();
        fs.afterResolveForTest = swap;
        entries = {};
        QCOMPARE(fs.list(u"/workspace/d"_s, &entries)->type, u"invalid_path"_s);
        QVERIFY(entries.isEmpty());
        unswap();
        // A recursive delete of the directory finds the link in its place and removes only that.
        fs.afterResolveForTest = swap;
        QVERIFY(!fs.remove(u"/workspace/d"_s, true));
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        QCOMPARE(readFile(u"outside/sub/secret2"_s), Secret);
        QVERIFY(!QFileInfo(m_root + u"/workspace/d"_s).isSymLink());
        // A delete inside the directory deletes in the pinned one.
        QVERIFY(QDir(m_root + u"/workspace"_s).rename(u"d-moved"_s, u"d"_s));
        fs.afterResolveForTest = swap;
        QVERIFY(!fs.remove(u"/workspace/d/secret"_s, false));
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        QVERIFY(!QFileInfo::exists(m_root + u"/workspace/d-moved/secret"_s));
    }

    void leafSwappedAfterResolutionIsNotFollowed()
    {
        SandboxFs fs(m_root);
        file(u"workspace/target"_s, "inside");
        int swaps = 0;
        fs.afterResolveForTest = [&] {
            if (swaps++ > 0)
                return; // once: the retry sees the link and refuses it
            QVERIFY(QFile::remove(m_root + u"/workspace/target"_s));
            link(u"../outside/secret"_s, u"workspace/target"_s);
        };
        UniqueFd fd;
        qint64 size = 0;
        const auto read = fs.openForReading(u"/workspace/target"_s, &fd, &size);
        QVERIFY(read);
        QCOMPARE(read->type, u"invalid_path"_s);
        QVERIFY(!fd.isValid());
        QCOMPARE(swaps, 1); // the second resolution refused the link before acting

        // A write replaces the link itself (rename over it) instead of writing through it.
        QVERIFY(QFile::remove(m_root + u"/workspace/target"_s));
        file(u"workspace/target"_s, "inside");
        swaps = 0;
        QJsonObject entry;
        QVERIFY(!fs.writeFile(
            u"/workspace/target"_s, 0644,
            [](const SandboxFs::Writer &write) -> std::optional<RequestProblem> {
                write("new");
                return std::nullopt;
            },
            &entry));
        QCOMPARE(readFile(u"outside/secret"_s), Secret);
        QVERIFY(!QFileInfo(m_root + u"/workspace/target"_s).isSymLink());
        QCOMPARE(readFile(u"workspace/target"_s), QByteArray("new"));

        // A listing whose directory became a link out is refused on the retry.
        QVERIFY(QDir().mkpath(m_root + u"/workspace/listed"_s));
        swaps = 0;
        fs.afterResolveForTest = [&] {
            if (swaps++ > 0)
                return;
            QVERIFY(QDir(m_root + u"/workspace/listed"_s).removeRecursively());
            link(u"../outside"_s, u"workspace/listed"_s);
        };
        QJsonArray entries;
        QCOMPARE(fs.list(u"/workspace/listed"_s, &entries)->type, u"invalid_path"_s);
        QVERIFY(entries.isEmpty());
    }

    void directoryRemovedBeforeTheWriteIsMadeAgain()
    {
        SandboxFs fs(m_root);
        QVERIFY(QDir().mkpath(m_root + u"/workspace/gone"_s));
        int calls = 0;
        fs.afterResolveForTest = [&] {
            if (calls++ == 0)
                QVERIFY(QDir(m_root + u"/workspace"_s).rmdir(u"gone"_s));
        };
        QJsonObject entry;
        QVERIFY(!fs.writeFile(
            u"/workspace/gone/f"_s, 0644,
            [](const SandboxFs::Writer &write) -> std::optional<RequestProblem> {
                write("f");
                return std::nullopt;
            },
            &entry));
        QCOMPARE(readFile(u"workspace/gone/f"_s), QByteArray("f"));
        QCOMPARE(calls, 2);
    }

private:
    void file(const QString &relative, const QByteArray &content)
    {
        QFile f(m_root + u'/' + relative);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
    }
    void link(const QString &target, const QString &relative)
    {
        QVERIFY(QFile::link(target, m_root + u'/' + relative));
    }
    QByteArray readFile(const QString &relative) const
    {
        QFile f(m_root + u'/' + relative);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
};

QTEST_GUILESS_MAIN(TestSandboxFs)
#include "tst_sandboxfs.moc"
