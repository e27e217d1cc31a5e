// Catalogue and account jobs against a real orkestr-local on loopback.

#include "core/accountjob.h"
#include "core/catalogjobs.h"
#include "core/client.h"
#include "testserver.h"

#include <QPointer>

using namespace Orkestr;
using namespace Qt::StringLiterals;

class TestLocalServerCatalogue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void regions()
    {
        Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_server.token());
        QSignalSpy logged(&client, &Client::requestLogged);
        auto *job = client.call<GetRegionsJob>();
        QPointer<Job> alive(job);
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(alive);
        QVERIFY2(job->status() == Job::Status::Succeeded, qPrintable(job->error().message()));
        const auto regions = job->regions();
        QVERIFY(!regions.isEmpty());
        QStringList names;
        for (const auto &region : regions) {
            QVERIFY(!region.name.isEmpty());
            QVERIFY(!region.location.isEmpty());
            names.append(region.name);
        }
        QVERIFY2(names.contains(u"fsn1"_s), qPrintable(names.join(u',')));
        QVERIFY(job->requestId().startsWith(u"req_"_s));
        QCOMPARE(logged.size(), 1);
        const auto entry = logged[0][0].value<RequestLogEntry>();
        QCOMPARE(entry.path, u"/v1/regions"_s);
        QCOMPARE(entry.httpStatus, 200);
        QCOMPARE(entry.requestId, job->requestId());
    }

    void regionsWithAWrongTokenIsAnAuthError()
    {
        Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(u"ork_notTheTokenAtAll0000000000000000000000"_s);
        auto *job = client.call<GetRegionsJob>();
        QPointer<Job> alive(job);
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY(alive);
        QCOMPARE(job->error().kind(), ApiError::Kind::Auth);
        QCOMPARE(job->error().httpStatus(), 401);
        QVERIFY(!job->error().displayText().contains(u"ork_notTheTokenAtAll"_s));
    }

private:
    TestServer m_server;
};

QTEST_GUILESS_MAIN(TestLocalServerCatalogue)
#include "tst_localserver_catalogue.moc"
