// orkestr-local's files API against symlinks made inside the sandbox: links that leave it (at the
// leaf, as a directory on the way, in a tree being deleted), links that stay inside, and a
// process in the sandbox swapping a directory (or the file itself) for a link out while files
// are written (the check-then-act race of a name-based implementation).

#include "serverfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

QString encoded(const QString &path)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(path));
}

QJsonObject writeBody(const QString &path, const QByteArray &content)
{
    return {{u"path"_s, path}, {u"content"_s, QString::fromLatin1(content.toBase64())}};
}

} // namespace

class TestServerFiles : public ServerTestCase
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startServer({u"--plan"_s, u"team"_s}));
        // Outside the sandbox, in the server's data dir (next to tokens.json): a file and a
        // directory that links made inside the sandbox point at. From /workspace/<name>, the
        // host's data dir is three levels up (workspace -> sandbox dir -> sandboxes -> data dir).
        m_outside = m_server->dataDir.path();
        writeAll(m_outside + u"/victim.txt"_s, m_victim);
        QVERIFY(QDir().mkpath(m_outside + u"/victim-dir/sub"_s));
        writeAll(m_outside + u"/victim-dir/keep.txt"_s, m_victim);
        writeAll(m_outside + u"/victim-dir/sub/keep2.txt"_s, m_victim);
        QCOMPARE(exec(u"ln -s ../../../victim.txt /workspace/leaf-out && "
                      "ln -s ../../../victim-dir /workspace/dir-out && "
                      "ln -s /etc /workspace/etc-out && "
                      "mkdir -p /workspace/real/sub && echo inside > /workspace/real/f && "
                      "ln -s /workspace/real /workspace/dir-in && ln -s real/f /workspace/leaf-in && "
                      "ln -s /tmp /workspace/to-tmp && echo t > /tmp/t"_s),
                 0);
    }

    void leafSymlinkOutIsRefused()
    {
        auto &c = *m_client;
        const QString path = u"/workspace/leaf-out"_s;
        const auto read = c.get(u"/v1/sandboxes/%1/files?path=%2"_s.arg(m_id, encoded(path)));
        QCOMPARE(read.status, 400);
        QCOMPARE(read.errorType(), u"invalid_path"_s);
        QCOMPARE(read.error().value(u"path"_s).toString(), path);
        QVERIFY(!read.body.contains(m_victim.toBase64()));
        const auto write = c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id), writeBody(path, "overwritten"));
        QCOMPARE(write.status, 400);
        QCOMPARE(write.errorType(), u"invalid_path"_s);
        QCOMPARE(readAll(m_outside + u"/victim.txt"_s), m_victim);
        const auto list = c.get(u"/v1/sandboxes/%1/files/list?path=%2"_s.arg(m_id, u"/workspace/dir-out"_s));
        QCOMPARE(list.status, 400);
        QCOMPARE(list.errorType(), u"invalid_path"_s);
        QVERIFY(!list.body.contains("keep.txt"));
        // A link out to the host's /etc (an absolute target is the sandbox's /etc, outside the
        // files API's roots).
        QCOMPARE(c.get(u"/v1/sandboxes/%1/files/list?path=/workspace/etc-out"_s.arg(m_id)).errorType(),
                 u"invalid_path"_s);
        // A delete does not follow the leaf: it removes the link and never the file it points at.
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=%2"_s.arg(m_id, encoded(path))).status, 204);
        QCOMPARE(exec(u"test ! -e /workspace/leaf-out && test ! -L /workspace/leaf-out"_s), 0);
        QCOMPARE(readAll(m_outside + u"/victim.txt"_s), m_victim);
        QCOMPARE(exec(u"ln -s ../../../victim.txt /workspace/leaf-out"_s), 0);
    }

    void directoryComponentOutIsRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("relative link up and out") << u"/workspace/dir-out/keep.txt"_s;
        QTest::newRow("deeper") << u"/workspace/dir-out/sub/keep2.txt"_s;
        QTest::newRow("new file below it") << u"/workspace/dir-out/new.txt"_s;
        QTest::newRow("absolute link to /etc") << u"/workspace/etc-out/hostname"_s;
    }

    void directoryComponentOutIsRefused()
    {
        QFETCH(QString, path);
        auto &c = *m_client;
        const auto read = c.get(u"/v1/sandboxes/%1/files?path=%2"_s.arg(m_id, encoded(path)));
        QCOMPARE(read.status, 400);
        QCOMPARE(read.errorType(), u"invalid_path"_s);
        const auto write = c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id), writeBody(path, "overwritten"));
        QCOMPARE(write.status, 400);
        QCOMPARE(write.errorType(), u"invalid_path"_s);
        const QString parent = path.section(u'/', 0, -2);
        QCOMPARE(c.get(u"/v1/sandboxes/%1/files/list?path=%2"_s.arg(m_id, encoded(parent + u"/sub"_s)))
                     .errorType(),
                 u"invalid_path"_s);
        const auto removed
            = c.del(u"/v1/sandboxes/%1/files?path=%2&recursive=true"_s.arg(m_id, encoded(path)));
        QCOMPARE(removed.status, 400);
        QCOMPARE(removed.errorType(), u"invalid_path"_s);
        QCOMPARE(readAll(m_outside + u"/victim-dir/keep.txt"_s), m_victim);
        QCOMPARE(readAll(m_outside + u"/victim-dir/sub/keep2.txt"_s), m_victim);
        QVERIFY(!QFileInfo::exists(m_outside + u"/victim-dir/new.txt"_s));
    }

    void symlinksInsideStillWork()
    {
        auto &c = *m_client;
        // Through a directory link, a leaf link and an absolute link into /tmp.
        const auto read = c.get(u"/v1/sandboxes/%1/files?path=/workspace/dir-in/f"_s.arg(m_id));
        QCOMPARE(read.status, 200);
        QCOMPARE(QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("inside\n"));
        const auto leaf = c.get(u"/v1/sandboxes/%1/files?path=/workspace/leaf-in"_s.arg(m_id));
        QCOMPARE(leaf.status, 200);
        QCOMPARE(leaf.json.value(u"path"_s).toString(), u"/workspace/leaf-in"_s);
        QCOMPARE(QByteArray::fromBase64(leaf.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("inside\n"));
        QCOMPARE(c.get(u"/v1/sandboxes/%1/files?path=/workspace/to-tmp/t"_s.arg(m_id)).status, 200);
        // Writing through a leaf link writes its target and keeps the link.
        const auto written
            = c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id), writeBody(u"/workspace/leaf-in"_s, "new"));
        QCOMPARE(written.status, 200);
        QCOMPARE(written.json.value(u"size"_s).toInt(), 3);
        QCOMPARE(exec(u"test -L /workspace/leaf-in && test \"$(cat /workspace/real/f)\" = new"_s), 0);
        // Parents are made below a directory link.
        QCOMPARE(
            c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id), writeBody(u"/workspace/dir-in/a/b/c.txt"_s, "c"))
                .status,
            200);
        QCOMPARE(exec(u"test \"$(cat /workspace/real/a/b/c.txt)\" = c"_s), 0);
        const auto listed = c.get(u"/v1/sandboxes/%1/files/list?path=/workspace/dir-in"_s.arg(m_id));
        QCOMPARE(listed.status, 200);
        QStringList names;
        for (const auto &entry : listed.json.value(u"entries"_s).toArray())
            names.append(entry.toObject().value(u"name"_s).toString());
        QCOMPARE(names, (QStringList {u"a"_s, u"f"_s, u"sub"_s}));
        // Deleting a link removes the link, not its target.
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=/workspace/dir-in"_s.arg(m_id)).status, 204);
        QCOMPARE(exec(u"test ! -L /workspace/dir-in && test -f /workspace/real/f"_s), 0);
        QCOMPARE(exec(u"ln -s /workspace/real /workspace/dir-in"_s), 0);
    }

    void listingDoesNotFollowLinksOut()
    {
        // The entries of a listing that are links out of the sandbox are described as links:
        // neither the size nor the type of what they point at on the host.
        QCOMPARE(
            exec(
                u"mkdir -p /workspace/listme && ln -sfn ../../../../victim.txt /workspace/listme/file-out && "
                "ln -sfn ../../../../victim-dir /workspace/listme/dir-out && "
                "ln -sfn ../real /workspace/listme/dir-in"_s),
            0);
        const auto listed = m_client->get(u"/v1/sandboxes/%1/files/list?path=/workspace/listme"_s.arg(m_id));
        QCOMPARE(listed.status, 200);
        QHash<QString, QJsonObject> entries;
        for (const auto &entry : listed.json.value(u"entries"_s).toArray())
            entries.insert(entry.toObject().value(u"name"_s).toString(), entry.toObject());
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.value(u"dir-out"_s).value(u"is_dir"_s).toBool(), false);
        QVERIFY(entries.value(u"file-out"_s).value(u"size"_s).toInteger() != m_victim.size());
        // A link inside is described by what it points at, as before.
        QCOMPARE(entries.value(u"dir-in"_s).value(u"is_dir"_s).toBool(), true);
    }

    void recursiveDeleteRemovesLinksNotTargets()
    {
        auto &c = *m_client;
        QCOMPARE(exec(u"mkdir -p /workspace/tree/sub/deeper && echo a > /workspace/tree/a && "
                      "echo b > /workspace/tree/sub/deeper/b && "
                      "ln -s ../../../../victim-dir /workspace/tree/out && "
                      "ln -s ../../../../../../victim-dir /workspace/tree/sub/deeper/out2 && "
                      "ln -s /etc /workspace/tree/sub/etc && ln -s ../real /workspace/tree/in"_s),
                 0);
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=/workspace/tree"_s.arg(m_id)).status, 400);
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=/workspace/tree&recursive=true"_s.arg(m_id)).status,
                 204);
        QCOMPARE(exec(u"test ! -e /workspace/tree && test -f /workspace/real/f"_s), 0);
        QCOMPARE(readAll(m_outside + u"/victim-dir/keep.txt"_s), m_victim);
        QCOMPARE(readAll(m_outside + u"/victim-dir/sub/keep2.txt"_s), m_victim);
        QCOMPARE(readAll(m_outside + u"/victim.txt"_s), m_victim);
        QVERIFY(QFileInfo::exists(u"/etc/hostname"_s) || QFileInfo::exists(u"/etc/passwd"_s));
    }

    void raceNeverWritesOutside_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("directory swapped for a link") << u"dir"_s;
        QTest::newRow("file swapped for a link") << u"leaf"_s;
    }

    // A process in the sandbox swaps /workspace/race/d between a directory and a link out of
    // the sandbox (or /workspace/race/leaf between a file and a link out) as fast as it can,
    // while the test writes 200 files through it. An implementation that checks the path and
    // then acts on it by name writes some of them outside (the old one did, through
    // QSaveFile); acting on pinned directory descriptors never does.
    void raceNeverWritesOutside()
    {
        QFETCH(QString, what);
        auto &c = *m_client;
        const QString outsideDir = m_outside + u"/race-out"_s;
        QDir(outsideDir).removeRecursively();
        QVERIFY(QDir().mkpath(outsideDir));
        writeAll(m_outside + u"/race-victim.txt"_s, m_victim);
        const QByteArray script = "import os, sys\n"
                                  "what = sys.argv[1]\n"
                                  "os.makedirs('/workspace/race/gone', exist_ok=True)\n"
                                  "os.chdir('/workspace/race')\n"
                                  "n = 0\n"
                                  "def quiet(f, *a):\n"
                                  "    try:\n"
                                  "        f(*a)\n"
                                  "    except OSError:\n"
                                  "        pass\n"
                                  "with open('base', 'w') as f:\n"
                                  "    f.write('in')\n"
                                  "open('/tmp/swapping', 'w').close()\n"
                                  "while not os.path.exists('/tmp/stop-swapping'):\n"
                                  "    for _ in range(100):\n"
                                  "        if what == 'dir':\n"
                                  "            quiet(os.mkdir, 'd')\n"
                                  "            quiet(os.rmdir, 'd')\n"
                                  "            quiet(os.rename, 'd', 'gone/%d' % n)\n"
                                  "            quiet(os.symlink, '../../../../race-out', 'd')\n"
                                  "            quiet(os.unlink, 'd')\n"
                                  "        else:\n"
                                  "            quiet(os.symlink, '../../../../race-victim.txt', 'leaf.l')\n"
                                  "            quiet(os.rename, 'leaf.l', 'leaf')\n"
                                  "            quiet(os.link, 'base', 'leaf.f')\n"
                                  "            quiet(os.rename, 'leaf.f', 'leaf')\n"
                                  "        n += 1\n"
                                  "with open('/tmp/swaps', 'w') as f:\n"
                                  "    f.write(str(n))\n";
        QCOMPARE(c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id), writeBody(u"/tmp/swap.py"_s, script)).status,
                 200);
        QCOMPARE(exec(u"rm -rf /workspace/race /tmp/stop-swapping /tmp/swapping /tmp/swaps; mkdir -p "
                      u"/workspace/race; "
                      "nohup python3 /tmp/swap.py %1 >/tmp/swap.log 2>&1 &"_s.arg(what)),
                 0);
        QVERIFY(waitUntil([&] { return exec(u"test -e /tmp/swapping"_s, true) == 0; }, 10000));
        int written = 0;
        int refused = 0;
        QList<int> others;
        QStringList otherTypes;
        for (int i = 0; i < 200; ++i) {
            const QString path
                = what == u"dir"_s ? u"/workspace/race/d/f%1"_s.arg(i) : u"/workspace/race/leaf"_s;
            const auto result = c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id), writeBody(path, "escaped"));
            if (result.status == 200)
                ++written;
            else if (result.status == 400 && result.errorType() == u"invalid_path"_s)
                ++refused;
            else
                others.append(result.status),
                    otherTypes.append(result.error().value(u"message"_s).toString());
        }
        QCOMPARE(exec(u"touch /tmp/stop-swapping"_s), 0);
        QVERIFY(waitUntil([&] { return exec(u"test -s /tmp/swaps"_s, true) == 0; }, 10000));
        const auto swaps = c.get(u"/v1/sandboxes/%1/files?path=/tmp/swaps"_s.arg(m_id));
        const int swapCount
            = QByteArray::fromBase64(swaps.json.value(u"content"_s).toString().toLatin1()).toInt();
        const QStringList escaped
            = QDir(outsideDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        qInfo("%s: %d writes answered 200, %d refused as invalid_path, %lld otherwise; %d swaps in the "
              "sandbox; %lld files outside (other answers: %s)",
              qPrintable(what), written, refused, qint64(others.size()), swapCount, qint64(escaped.size()),
              qPrintable(QStringList(otherTypes.mid(0, 5)).join(u", "_s)));
        QVERIFY2(escaped.isEmpty(), qPrintable(u"written outside the sandbox: "_s + escaped.join(u", "_s)));
        QCOMPARE(readAll(m_outside + u"/race-victim.txt"_s), m_victim);
        // The race was really run: the swapper kept going during the writes, and both outcomes occurred.
        QVERIFY2(swapCount > 100, qPrintable(QString::number(swapCount)));
        QVERIFY(written > 0);
        QVERIFY(refused > 0 || what == u"leaf"_s);
        // Other answers are allowed only as clean errors (e.g. a directory replaced while being made).
        for (const int status : std::as_const(others))
            QVERIFY2(status == 400 || status == 404, qPrintable(QString::number(status)));
        exec(u"rm -rf /workspace/race"_s);
    }

    void cleanupTestCase() { stopServer(); }

private:
    int exec(const QString &command, bool quiet = false)
    {
        const auto result = m_client->exec(m_id, command);
        if (result.status != 200) {
            qWarning() << "exec failed:" << result.status << result.body;
            return -1;
        }
        if (!quiet && result.json.value(u"exit_code"_s).toInt() != 0)
            qWarning() << command << "->" << result.json;
        return result.json.value(u"exit_code"_s).toInt();
    }

    QString m_outside;
    const QByteArray m_victim = "host file, must stay as it is\n";
};

QTEST_GUILESS_MAIN(TestServerFiles)
#include "tst_server_files.moc"
