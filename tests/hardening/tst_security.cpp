// Defences of docs/security.md that no other test proved (issue "Hardening"): the server's data
// (tokens, sandbox state with env values) is private to its user; env values and tokens never
// leave the server (not in answers, not in the request log); a sandbox does not see the server's
// data dir; a token created for one server is useless on another.

#include "eventwait.h"
#include "killableserver.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

class TestSecurity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        m_server.dataDir = m_dataDir.path() + u"/data"_s;
        QVERIFY(m_server.start());
    }

    void dataDirAndStateArePrivate()
    {
        SyncClient client(&m_server);
        const auto created = client.post(
            u"/v1/sandboxes"_s,
            {{u"template"_s, u"ubuntu-24.04"_s}, {u"env"_s, QJsonObject {{u"API_SECRET"_s, m_secretValue}}}});
        QCOMPARE(created.status, 201);
        m_id = created.json.value(u"id"_s).toString();
        QCOMPARE(client.post(u"/v1/sandboxes/%1/pause"_s.arg(m_id)).status, 200);
        QCOMPARE(client.post(u"/v1/sandboxes/%1/resume"_s.arg(m_id)).status, 200);

        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(m_server.dataDir).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0700));
        // Every file the server itself writes (tokens, the database with the records' env values,
        // idempotency keys) is readable by its owner only.
        int checked = 0;
        QDirIterator it(m_server.dataDir, {u"*.json"_s, u"*.sqlite"_s, u"*.sqlite-wal"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
            QVERIFY2((st.st_mode & 077) == 0,
                     qPrintable(u"%1 has mode %2"_s.arg(path).arg(st.st_mode & 0777, 0, 8)));
            ++checked;
        }
        QVERIFY(checked >= 2); // tokens.json and journal.sqlite (the sandbox's record, env values)
    }

    void envValuesAndTokensNeverLeaveTheServer()
    {
        SyncClient client(&m_server);
        QVERIFY(!m_id.isEmpty());
        // The API names env keys, never values.
        const auto got = client.send("GET", u"/v1/sandboxes/"_s + m_id);
        QCOMPARE(got.json.value(u"env_keys"_s).toArray(), QJsonArray {u"API_SECRET"_s});
        QVERIFY(!got.body.contains(m_secretValue.toUtf8()));
        QVERIFY(!client.send("GET", u"/v1/sandboxes"_s).body.contains(m_secretValue.toUtf8()));
        // The command sees its value (that is what env is for).
        QCOMPARE(client.post(u"/v1/sandboxes/%1/exec"_s.arg(m_id), {{u"command"_s, u"echo $API_SECRET"_s}})
                     .json.value(u"stdout"_s)
                     .toString(),
                 m_secretValue + u'\n');
        // A wrong token: refused, and neither it nor the right one is in the request log.
        const QString wrong = u"ork_wrongWrongWrong00000000000000000000000"_s;
        QNetworkAccessManager network;
        QNetworkRequest request(m_server.url().resolved(QUrl(u"/v1/account"_s)));
        request.setRawHeader("Authorization", "Bearer " + wrong.toUtf8());
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QVERIFY(OrkestrTest::waitUntil([&] { return reply->isFinished(); }, 10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QVERIFY(!reply->readAll().contains(wrong.toUtf8()));

        QTest::qWait(200);
        m_server.output += m_server.process.readAll();
        QVERIFY(m_server.output.contains("GET /v1/sandboxes/" + m_id.toUtf8())); // the log is there
        QVERIFY(!m_server.output.contains(m_server.token.toUtf8()));
        QVERIFY(!m_server.output.contains(wrong.toUtf8()));
        QVERIFY(!m_server.output.contains(m_secretValue.toUtf8()));
        // The token's public prefix is what the log names.
        QVERIFY(m_server.output.contains(m_server.token.left(8).toUtf8()));
    }

    void sandboxDoesNotSeeTheServersData()
    {
        SyncClient client(&m_server);
        // The data dir (tokens.json, other sandboxes' files and state) is not mounted in the
        // sandbox: neither by its host path nor anywhere else.
        const auto ran
            = client.post(u"/v1/sandboxes/%1/exec"_s.arg(m_id),
                          {{u"command"_s, u"ls %1/tokens.json 2>&1; ls -a /"_s.arg(m_server.dataDir)}});
        QCOMPARE(ran.status, 200);
        QStringList lines = ran.json.value(u"stdout"_s).toString().split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(!lines.isEmpty() && lines.takeFirst().contains(u"No such file"_s), ran.body.constData());
        // The root holds the read-only system directories, /proc, /dev and the two writable roots.
        const QStringList allowed {u"."_s,   u".."_s,        u"bin"_s,   u"dev"_s,   u"etc"_s,
                                   u"lib"_s, u"lib64"_s,     u"proc"_s,  u"sbin"_s,  u"tmp"_s,
                                   u"usr"_s, u"workspace"_s, u"lib32"_s, u"libx32"_s};
        for (const auto &entry : std::as_const(lines))
            QVERIFY2(allowed.contains(entry), qPrintable(u"unexpected / entry in the sandbox: "_s + entry));
    }

    void sandboxCannotReadTheHostsPrivateFiles()
    {
        // Commands run as uid 0 (without capabilities) over the host's /etc: what only root may
        // read there (the password hashes, private keys) is hidden as from an unprivileged user.
        QStringList privateFiles;
        QStringList privateDirs;
        QDirIterator it(u"/etc"_s,
                        QDir::Files | QDir::Dirs | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            struct stat st = {};
            if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
                continue;
            if (S_ISREG(st.st_mode) && !(st.st_mode & S_IROTH) && st.st_size > 0)
                privateFiles.append(path);
            else if (S_ISDIR(st.st_mode) && (st.st_mode & (S_IROTH | S_IXOTH)) != (S_IROTH | S_IXOTH))
                privateDirs.append(path);
        }
        if (privateFiles.isEmpty() && privateDirs.isEmpty())
            QSKIP("this host's /etc has no private entries");
        SyncClient client(&m_server);
        QStringList commands;
        for (const auto &file : std::as_const(privateFiles))
            commands.append(u"echo %1 $(cat %1 2>/dev/null | wc -c)"_s.arg(file));
        for (const auto &dir : std::as_const(privateDirs))
            commands.append(u"echo %1 $(ls -A %1 2>/dev/null | wc -l)"_s.arg(dir));
        const auto ran
            = client.post(u"/v1/sandboxes/%1/exec"_s.arg(m_id), {{u"command"_s, commands.join(u"; "_s)}});
        QCOMPARE(ran.status, 200);
        const QStringList lines = ran.json.value(u"stdout"_s).toString().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), commands.size());
        for (const auto &line : lines)
            QVERIFY2(line.endsWith(u" 0"_s), qPrintable(u"readable in the sandbox: "_s + line));
        qInfo("hidden in the sandbox: %s", qPrintable((privateFiles + privateDirs).join(u", "_s)));
    }

    void badTokensAreRateLimited()
    {
        // Guessing tokens is throttled per address like any other traffic, and does not use up
        // the bucket of a valid token.
        QTemporaryDir dir;
        KillableServer limited;
        limited.dataDir = dir.path();
        limited.extraArguments = {u"--rate-limit"_s, u"5/min"_s};
        QVERIFY(limited.start());
        KillableServer guesser;
        guesser.port = limited.port;
        guesser.token = u"ork_guess000000000000000000000000000000000"_s;
        SyncClient guessing(&guesser);
        QList<int> statuses;
        SyncResult last;
        for (int i = 0; i < 8; ++i) {
            last = guessing.send("GET", u"/v1/account"_s);
            statuses.append(last.status);
        }
        QCOMPARE(statuses.first(), 401);
        QCOMPARE(statuses.last(), 429);
        QCOMPARE(last.errorType(), u"rate_limited"_s);
        QVERIFY(last.json.value(u"error"_s).toObject().value(u"retry_after"_s).toDouble() > 0);
        QCOMPARE(SyncClient(&limited).send("GET", u"/v1/account"_s).status, 200);
        guesser.port = 0;
    }

    void tokenOfAnotherServerIsRefused()
    {
        QTemporaryDir otherDir;
        KillableServer other;
        other.dataDir = otherDir.path();
        QVERIFY(other.start());
        KillableServer impostor; // our token, presented to the other server
        impostor.port = other.port;
        impostor.token = m_server.token;
        SyncClient client(&impostor);
        const auto answer = client.send("GET", u"/v1/sandboxes"_s);
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.errorType(), u"unauthorized"_s);
        impostor.port = 0; // not started: nothing to stop
    }

private:
    QTemporaryDir m_dataDir;
    KillableServer m_server;
    QString m_id;
    const QString m_secretValue = u"s3cr3t-value-7f1c2a"_s;
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
