// The foundation's slice through the server: a real orkestr-local over HTTP on loopback.

#include "core/accountjob.h"
#include "core/client.h"
#include "testserver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

class TestLocalServerAccount : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstStartPrintsTokenOnceAndStoresItHashed()
    {
        QTemporaryDir dir;
        auto runOnce = [&](QByteArray *output) {
            QProcess server;
            server.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                         {u"--listen"_s, u"127.0.0.1:0"_s, u"--data-dir"_s, dir.path()});
            QVERIFY(server.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(
                (output->append(server.readAllStandardOutput()), output->contains("listening on")), 15000);
            server.terminate();
            QVERIFY(server.waitForFinished(5000));
            QCOMPARE(server.exitCode(), 0);
        };
        QByteArray first;
        runOnce(&first);
        const auto match = QRegularExpression(u"token: (ork_[0-9A-Za-z]+)"_s).match(QString::fromUtf8(first));
        QVERIFY2(match.hasMatch(), first.constData());
        const QString token = match.captured(1);
        QVERIFY(QString::fromUtf8(first).contains(u"listening on http://127.0.0.1:"_s));

        QFile tokens(dir.filePath(u"tokens.json"_s));
        QVERIFY(tokens.exists());
        QCOMPARE(tokens.permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                        | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QVERIFY(tokens.open(QIODevice::ReadOnly));
        const QByteArray stored = tokens.readAll();
        QVERIFY2(!stored.contains(token.toUtf8()), "the token must be stored hashed");

        QByteArray second;
        runOnce(&second);
        QVERIFY2(!second.contains("token:"), "the token is printed only on the first start");
    }

    void accountOverHttp()
    {
        TestServer server;
        QVERIFY(server.start({u"--plan"_s, u"free"_s}));
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(server.token());
        auto *job = client.call<Orkestr::GetAccountJob>();
        QSignalSpy succeeded(job, &Orkestr::Job::succeeded);
        QSignalSpy finished(job, &Orkestr::Job::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(succeeded.size(), 1);
        const auto account = job->account();
        QCOMPARE(account.plan, u"free"_s);
        QCOMPARE(account.snapshots.cap, 1);
        QCOMPARE(account.snapshots.used, 0);
        QCOMPARE(account.token.prefix, server.token().left(8));
        QCOMPARE(account.token.scopes, (QStringList {u"sandboxes:read"_s, u"sandboxes:write"_s}));
        QVERIFY(account.canWrite());
        QVERIFY(job->requestId().startsWith(u"req_"_s));
    }

    void headersAndUnauthorized_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("valid") << QByteArray("VALID") << 200;
        QTest::newRow("missing") << QByteArray() << 401;
        QTest::newRow("wrong token") << QByteArray("Bearer ork_wrongwrongwrongwrongwrongwrongwrongwr") << 401;
        QTest::newRow("not bearer") << QByteArray("Basic dXNlcjpwYXNz") << 401;
    }

    void headersAndUnauthorized()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        if (!m_server) {
            m_server = std::make_unique<TestServer>();
            QVERIFY(m_server->start());
        }
        QNetworkAccessManager network;
        QNetworkRequest request(m_server->url().resolved(QUrl(u"/v1/account"_s)));
        if (authorization == "VALID")
            authorization = "Bearer " + m_server->token().toUtf8();
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
        const QByteArray requestId = reply->rawHeader("X-Request-Id");
        QVERIFY(requestId.startsWith("req_"));
        QVERIFY(!reply->rawHeader("X-RateLimit-Limit").isEmpty());
        QVERIFY(!reply->rawHeader("X-RateLimit-Remaining").isEmpty());
        QVERIFY(reply->rawHeader("X-RateLimit-Reset").toLongLong() > 1700000000);
        const auto body = reply->readAll();
        if (status == 401) {
            const auto error = Orkestr::ApiError::fromResponse(status, body, {});
            QCOMPARE(error.type(), u"unauthorized"_s);
            QCOMPARE(error.kind(), Orkestr::ApiError::Kind::Auth);
            QCOMPARE(error.requestId().toUtf8(), requestId);
            QVERIFY(!error.detail().isEmpty());
            QVERIFY(!body.contains("ork_wrong"));
        }
    }

    void clientReportsWrongTokenAsAuthErrorWithoutLeakingIt()
    {
        if (!m_server) {
            m_server = std::make_unique<TestServer>();
            QVERIFY(m_server->start());
        }
        Orkestr::Client client;
        client.setBaseUrl(m_server->url());
        const QString wrong = u"ork_thisIsNotTheRightTokenAtAll000000000000"_s;
        client.setToken(wrong);
        auto *job = client.call<Orkestr::GetAccountJob>();
        QSignalSpy failed(job, &Orkestr::Job::failed);
        QVERIFY(failed.wait(10000));
        QCOMPARE(job->error().kind(), Orkestr::ApiError::Kind::Auth);
        QCOMPARE(job->error().httpStatus(), 401);
        QVERIFY(job->error().requestId().startsWith(u"req_"_s));
        QVERIFY(!job->error().displayText().contains(wrong));
        // The server's request log names the token by its public prefix at most.
        QVERIFY(!m_server->process->serverLog().contains(wrong.toUtf8()));
        QVERIFY(!m_server->process->serverLog().contains(m_server->token().toUtf8()));
    }

    void refusesPlainHttpToRemoteHosts()
    {
        Orkestr::Client client;
        client.setBaseUrl(QUrl(u"http://example.invalid:8787"_s));
        client.setToken(u"ork_x"_s);
        auto *job = client.call<Orkestr::GetAccountJob>();
        QSignalSpy failed(job, &Orkestr::Job::failed);
        QVERIFY(failed.wait(5000));
        QCOMPARE(job->error().type(), u"insecure_transport"_s);
        QVERIFY(job->error().message().contains(u"example.invalid"_s));
    }

    void cleanupTestCase() { m_server.reset(); }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestLocalServerAccount)
#include "tst_localserver_account.moc"
