// What needs attention (failed, expiring within 5 minutes, quota full, rate limited, offline)
// and the strip that says so.

#include "session/attention.h"
#include "ui/sandboxes/attentionstrip.h"

#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using Status = Orkestr::Sandbox::Status;

namespace {

Orkestr::Sandbox sandbox(Status status, const QDateTime &expiresAt = {})
{
    Orkestr::Sandbox s;
    s.status = status;
    s.expiresAt = expiresAt;
    return s;
}

} // namespace

class TestAttention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void whichSandboxesNeedAttention()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(OrkestrSession::needsAttention(sandbox(Status::Failed), now));
        QVERIFY(OrkestrSession::needsAttention(sandbox(Status::Running, now.addSecs(299)), now));
        QVERIFY(OrkestrSession::needsAttention(sandbox(Status::Running, now.addSecs(300)), now));
        QVERIFY(!OrkestrSession::needsAttention(sandbox(Status::Running, now.addSecs(301)), now));
        // Paused sandboxes have no expiry; terminated ones need nobody.
        QVERIFY(!OrkestrSession::needsAttention(sandbox(Status::Paused), now));
        QVERIFY(!OrkestrSession::needsAttention(sandbox(Status::Terminated, now.addSecs(10)), now));

        OrkestrSession::AttentionSummary summary;
        for (const auto &s :
             {sandbox(Status::Failed), sandbox(Status::Failed), sandbox(Status::Running, now.addSecs(60)),
              sandbox(Status::Running, now.addSecs(3600))})
            summary.count(s, now);
        QCOMPARE(summary.failed, 2);
        QCOMPARE(summary.expiringSoon, 1);
        QCOMPARE(summary.sandboxes(), 3);
        QVERIFY(!summary.isEmpty());
    }

    void theStripShowsWhatNeedsAPerson()
    {
        QWidget window;
        auto &strip = *new OrkestrUi::AttentionStrip(&window);
        window.show();
        QVERIFY(!strip.isVisible());
        QCOMPARE(strip.text(), QString());

        OrkestrSession::AttentionSummary summary;
        summary.failed = 2;
        summary.expiringSoon = 1;
        summary.quotaFull = true;
        strip.setSummary(summary);
        QVERIFY(strip.isVisible());
        QVERIFY2(strip.text().contains(u"2 failed"_s), qPrintable(strip.text()));
        QVERIFY(strip.text().contains(u"1 expiring within 5 minutes"_s));
        QVERIFY(strip.text().contains(u"snapshot quota full"_s));
        QVERIFY(strip.filterButton()->isVisible());

        QSignalSpy toggled(&strip, &OrkestrUi::AttentionStrip::filterToggled);
        strip.filterButton()->click();
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(toggled.at(0).at(0).toBool(), true);
        QVERIFY(strip.isFiltering());

        // Once nothing is left to filter, the filter lifts by itself.
        OrkestrSession::AttentionSummary offline;
        offline.disconnected = true;
        strip.setSummary(offline);
        QVERIFY(!strip.isFiltering());
        QCOMPARE(toggled.size(), 2);
        QVERIFY(strip.text().contains(u"disconnected"_s));
        QVERIFY(!strip.filterButton()->isVisible());

        strip.setSummary({});
        QVERIFY(!strip.isVisible());
    }
};

QTEST_MAIN(TestAttention)
#include "tst_attention.moc"
