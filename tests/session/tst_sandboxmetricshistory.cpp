// SandboxMetricsHistory against a real orkestr-local: the first answer is the last hour, then each
// request asks `since` the newest sample and appends what is new without duplicates; a pause is a
// gap; nothing is asked while inactive; the window drops the oldest samples.

#include "core/client.h"
#include "core/metricsjobs.h"
#include "session/metricshistory.h"
#include "sessiontesting.h"
#include "testserver.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using OrkestrSession::SandboxMetricsHistory;

namespace {
// Counts the answered requests for one sandbox's metrics, and those with `since`.
struct HistoryRequests
{
    int answered = 0;
    int withSince = 0;
    QMetaObject::Connection connection;

    HistoryRequests(Orkestr::Client *client, const QString &sandboxId)
    {
        const QString path = u"/v1/sandboxes/%1/metrics"_s.arg(sandboxId);
        connection = QObject::connect(client, &Orkestr::Client::requestLogged,
                                      [this, path](const Orkestr::RequestLogEntry &entry) {
                                          if (entry.path != path || entry.httpStatus == 0)
                                              return;
                                          ++answered;
                                          withSince += QUrlQuery(entry.query).hasQueryItem(u"since"_s);
                                      });
    }
    ~HistoryRequests() { QObject::disconnect(connection); }
};

bool strictlyIncreasing(const QList<Orkestr::MetricsSample> &samples)
{
    for (qsizetype i = 1; i < samples.size(); ++i) {
        if (samples[i - 1].at >= samples[i].at)
            return false;
    }
    return true;
}
} // namespace

class TestSandboxMetricsHistory : public QObject
{
    Q_OBJECT
    QList<Orkestr::MetricsSample> serverSamples()
    {
        QList<Orkestr::MetricsSample> samples;
        SessionTest::finish(m_client.call<Orkestr::GetSandboxMetricsJob>(m_sandbox),
                            [&samples](Orkestr::GetSandboxMetricsJob *job) { samples = job->samples(); });
        return samples;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_sandbox = SessionTest::create(&m_client, u"fsn1"_s);
        QVERIFY(!m_sandbox.isEmpty());
        // An hour that already holds samples.
        QTRY_VERIFY_WITH_TIMEOUT(serverSamples().size() >= 2, 10000);
    }

    void cleanupTestCase()
    {
        if (!m_sandbox.isEmpty())
            SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(m_sandbox));
    }

    void sinceAppendsWithoutDuplicates()
    {
        SandboxMetricsHistory history(&m_client, m_sandbox);
        HistoryRequests requests(&m_client, m_sandbox);
        QSignalSpy loaded(&history, &SandboxMetricsHistory::loaded);
        QSignalSpy appended(&history, &SandboxMetricsHistory::samplesAppended);
        history.setActive(true);
        QCOMPARE(history.state(), SandboxMetricsHistory::State::Loading);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(history.state(), SandboxMetricsHistory::State::Live);
        QCOMPARE(history.intervalMs(), 2000);
        QCOMPARE(history.limits().memoryMb, 2048);
        QCOMPARE(requests.withSince, 0); // the hour first
        const qsizetype first = history.samples().size();
        QVERIFY(first >= 2);

        QTRY_VERIFY_WITH_TIMEOUT(history.samples().size() >= first + 3, 12000);
        QVERIFY(requests.withSince >= 3);
        QVERIFY(strictlyIncreasing(history.samples()));
        // The appended ranges add up to what was added after the first answer.
        qsizetype expected = first;
        for (const auto &signal : appended) {
            QCOMPARE(signal.at(0).value<qsizetype>(), expected);
            QVERIFY(signal.at(1).value<qsizetype>() > 0);
            expected += signal.at(1).value<qsizetype>();
        }
        QCOMPARE(history.samples().size(), expected);
        // More requests than new samples: each since-answer repeats the newest sample, which is
        // dropped, and some bring nothing new at all.
        QVERIFY(appended.size() <= requests.withSince);

        // Every sample held is the server's, field for field.
        history.setActive(false);
        const auto server = serverSamples();
        for (const auto &sample : history.samples()) {
            const auto match = std::find_if(server.cbegin(), server.cend(),
                                            [&](const auto &other) { return other.at == sample.at; });
            QVERIFY(match != server.cend());
            QCOMPARE(*match, sample);
        }
        QVERIFY(history.gaps().isEmpty());
    }

    void inactiveAsksNothing()
    {
        SandboxMetricsHistory history(&m_client, m_sandbox);
        HistoryRequests requests(&m_client, m_sandbox);
        QTest::qWait(2500);
        QCOMPARE(requests.answered, 0);
        QSignalSpy loaded(&history, &SandboxMetricsHistory::loaded);
        history.setActive(true);
        QVERIFY(loaded.wait(10000));
        history.setActive(false);
        QCOMPARE(history.state(), SandboxMetricsHistory::State::Idle);
        const int stopped = requests.answered;
        const qsizetype held = history.samples().size();
        QTest::qWait(4500);
        QCOMPARE(requests.answered, stopped);
        QCOMPARE(history.samples().size(), held);

        // Back again: what it missed is fetched with since, not the hour again.
        QSignalSpy appended(&history, &SandboxMetricsHistory::samplesAppended);
        history.setActive(true);
        QVERIFY(appended.wait(5000));
        QCOMPARE(loaded.size(), 1);
        QVERIFY(requests.withSince >= 1);
        QVERIFY(history.samples().size() >= held + 2);
        QVERIFY(strictlyIncreasing(history.samples()));
        QVERIFY(history.gaps().isEmpty()); // inactive time is no gap
        // Quickly off and on again still asks.
        history.setActive(false);
        history.setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(history.state(), SandboxMetricsHistory::State::Live, 5000);
        const int before = requests.answered;
        QTRY_VERIFY_WITH_TIMEOUT(requests.answered > before, 5000);
    }

    void aPauseIsAGap()
    {
        const QString paused = SessionTest::create(&m_client, u"hel1"_s);
        QVERIFY(!paused.isEmpty());
        SandboxMetricsHistory history(&m_client, paused);
        history.setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(history.samples().size() >= 2, 10000);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::PauseSandboxJob>(paused)));
        const QDateTime pausedAt = QDateTime::currentDateTimeUtc();
        QTest::qWait(7000);
        const qsizetype whilePaused = history.samples().size();
        const QDateTime resumedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::ResumeSandboxJob>(paused)));
        QTRY_VERIFY_WITH_TIMEOUT(history.samples().size() >= whilePaused + 2, 12000);

        QCOMPARE(history.gaps().size(), 1);
        const auto gap = history.gaps().first();
        QVERIFY2(gap.from <= pausedAt, qPrintable(gap.from.toString(Qt::ISODateWithMs)));
        QVERIFY2(gap.to >= resumedAt, qPrintable(gap.to.toString(Qt::ISODateWithMs)));
        QVERIFY(gap.from.msecsTo(gap.to) > qint64(SandboxMetricsHistory::GapIntervals * 2000));
        // The gap lies between two consecutive samples.
        const auto &samples = history.samples();
        const auto before = std::find_if(samples.cbegin(), samples.cend(),
                                         [&](const auto &sample) { return sample.at == gap.from; });
        QVERIFY(before != samples.cend() && before + 1 != samples.cend());
        QCOMPARE((before + 1)->at, gap.to);
        SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(paused));
    }

    void windowDropsTheOldest()
    {
        SandboxMetricsHistory history(&m_client, m_sandbox);
        history.setWindow(5s);
        QSignalSpy dropped(&history, &SandboxMetricsHistory::samplesDropped);
        QSignalSpy loaded(&history, &SandboxMetricsHistory::loaded);
        history.setActive(true);
        QVERIFY(loaded.wait(10000));
        // The first answer is trimmed before it is announced.
        const auto span = [&] {
            return history.samples().first().at.msecsTo(history.samples().last().at);
        };
        QVERIFY(!history.samples().isEmpty());
        QVERIFY(span() <= 5000);
        QVERIFY(dropped.wait(8000));
        QVERIFY(span() <= 5000);
        QVERIFY(history.samples().size() <= 4);
    }

    void unknownSandboxFails()
    {
        SandboxMetricsHistory history(&m_client, u"sbx_00000000000000000000000000"_s);
        HistoryRequests requests(&m_client, u"sbx_00000000000000000000000000"_s);
        history.setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(history.state(), SandboxMetricsHistory::State::Failed, 5000);
        QCOMPARE(history.lastError().kind(), Orkestr::ApiError::Kind::SandboxNotFound);
        QVERIFY(!history.lastError().requestId().isEmpty());
        QTest::qWait(2500);
        QCOMPARE(requests.answered, 1);
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
    QString m_sandbox;
};

QTEST_MAIN(TestSandboxMetricsHistory)
#include "tst_sandboxmetricshistory.moc"
