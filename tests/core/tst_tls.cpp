// A server with a self-signed certificate: the client refuses it with a clear error, at once and
// without retries. The certificate and key in tls/ are test fixtures only.

#include "core/accountjob.h"
#include "core/client.h"
#include "core/execstreamjob.h"

#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

class TestTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selfSignedCertificateIsRejected_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("QNetworkAccessManager (account)") << false;
        QTest::newRow("stream transport (exec stream)") << true;
    }

    void selfSignedCertificateIsRejected()
    {
        QFETCH(bool, stream);
        QFile cert(QFINDTESTDATA("tls/selfsigned-cert.pem"));
        QFile key(QFINDTESTDATA("tls/selfsigned-key.pem"));
        QVERIFY(cert.open(QIODevice::ReadOnly));
        QVERIFY(key.open(QIODevice::ReadOnly));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(cert.readAll()));
        configuration.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
        QSslServer server;
        server.setSslConfiguration(configuration);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QSignalSpy handshakes(&server, &QSslServer::startedEncryptionHandshake);

        Client client;
        client.setBaseUrl(QUrl(u"https://127.0.0.1:%1"_s.arg(server.serverPort())));
        const QString token = u"ork_tlsTestToken000000000000000000"_s;
        client.setToken(token);
        Job *job = stream ? static_cast<Job *>(client.call<ExecStreamJob>(u"sbx_tls"_s, u"true"_s))
                          : client.call<GetAccountJob>();
        QPointer<Job> alive(job);
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(finished.wait(15000));
        QVERIFY(alive);
        QCOMPARE(job->status(), Job::Status::Failed);
        QCOMPARE(job->error().kind(), ApiError::Kind::Connection);
        QCOMPARE(job->error().type(), u"tls_error"_s);
        QVERIFY2(job->error().message().contains(u"certificate"_s), qPrintable(job->error().message()));
        QVERIFY(!job->error().message().contains(token));
        QCOMPARE(job->retries(), 0);
        QCOMPARE(handshakes.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
