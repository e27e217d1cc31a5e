// What a sandbox costs in the SandboxStore: strings that recur across sandboxes (template, region,
// status, network, termination reason, env and metadata keys, metadata values that repeat) are
// held once, timestamps stay in QDateTime's heap-free short form, and the heap per sandbox of a
// store filled from a listing (the listing then dropped, as the poller drops it) stays under a bound.

#include "core/sandboxjobs.h"
#include "memorybounds.h"
#include "session/sandboxstore.h"
#include "sessiontesting.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;
using OrkestrSession::SandboxStore;

namespace {
// Bytes the heap hands out now (glibc); -1 where that cannot be known.
qint64 heapInUse()
{
#if defined(__GLIBC__)
    malloc_trim(0);
    const auto info = mallinfo2(); // small blocks, and the large ones glibc maps on their own
    return qint64(info.uordblks + info.hblkhd);
#else
    return -1;
#endif
}

// Whether two strings share their text (one copy in memory), not merely equal values.
bool sameText(const QString &a, const QString &b)
{
    return a.constData() == b.constData();
}

// `count` sandboxes in the wire format, newest first, modelled on `samples` (objects as the real
// server lists them): a 26-character id each, a unique metadata value, the statuses of a fleet
// (most paused with a snapshot, some failed or terminated, a few running).
QByteArray listingOf(const QList<QJsonObject> &samples, int count)
{
    static constexpr char32_t Alphabet[] = U"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const QStringList teams {u"data"_s, u"web"_s, u"infra"_s, u"ml"_s, u"qa"_s};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto stamp = [](const QDateTime &at) {
        return at.toString(Qt::ISODateWithMs);
    };
    QJsonArray array;
    for (int i = count - 1; i >= 0; --i) {
        QJsonObject object = samples[i % samples.size()];
        QString id = u"sbx_"_s;
        quint64 bits = quint64(i) * 0x9E3779B97F4A7C15ull;
        for (int c = 0; c < 26; ++c, bits = bits * 6364136223846793005ull + 1442695040888963407ull)
            id += QChar(Alphabet[(bits >> 59) & 31]);
        const QDateTime created = now.addSecs(-60 - qint64(count - i) * 20);
        object[u"id"_s] = id;
        object[u"created_at"_s] = stamp(created);
        object[u"network"_s] = i % 5 == 0 ? u"open"_s : u"off"_s;
        object[u"metadata"_s]
            = QJsonObject {{u"team"_s, teams[i % teams.size()]}, {u"job"_s, u"build-%1"_s.arg(i)}};
        object[u"env_keys"_s] = i % 7 == 0 ? QJsonArray {u"API_URL"_s} : QJsonArray {};
        object[u"expires_at"_s] = QJsonValue::Null;
        object[u"paused_at"_s] = QJsonValue::Null;
        object[u"terminated_at"_s] = QJsonValue::Null;
        object[u"termination_reason"_s] = QJsonValue::Null;
        object[u"snapshot"_s] = QJsonValue::Null;
        object[u"version"_s] = i + 1;
        const int kind = i % 25;
        if (kind < 20) {
            object[u"status"_s] = u"paused"_s;
            object[u"paused_at"_s] = stamp(created.addSecs(10));
            object[u"snapshot"_s]
                = QJsonObject {{u"created_at"_s, stamp(created.addSecs(10))}, {u"size_bytes"_s, 4096 + i}};
        } else if (kind < 23) {
            object[u"status"_s] = u"failed"_s;
            object[u"terminated_at"_s] = stamp(created.addSecs(30));
            object[u"termination_reason"_s] = u"error"_s;
        } else if (kind < 24) {
            object[u"status"_s] = u"terminated"_s;
            object[u"terminated_at"_s] = stamp(created.addSecs(30));
            object[u"termination_reason"_s] = i % 2 ? u"requested"_s : u"timeout"_s;
        } else {
            object[u"status"_s] = u"running"_s;
            object[u"expires_at"_s] = stamp(now.addSecs(600));
        }
        array.append(object);
    }
    return QJsonDocument(QJsonObject {{u"sandboxes"_s, array}}).toJson(QJsonDocument::Compact);
}

// As ListSandboxesJob parses a page.
QList<Sandbox> parse(const QByteArray &body)
{
    const auto items = QJsonDocument::fromJson(body).object().value(u"sandboxes"_s).toArray();
    QList<Sandbox> sandboxes;
    sandboxes.reserve(items.size());
    for (const auto &item : items)
        sandboxes.append(Sandbox::fromJson(item.toObject()));
    return sandboxes;
}
} // namespace

class TestSandboxMemory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start({u"--plan"_s, u"pro"_s}));
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        // Real sandboxes, listed by the real server: the shape of every row below.
        for (const auto &region : {u"fsn1"_s, u"hel1"_s}) {
            Orkestr::CreateSandboxParams params;
            params.templateName = u"ubuntu-24.04"_s;
            params.region = region;
            params.metadata = {{u"team"_s, u"data"_s}};
            auto *job = m_client.call<Orkestr::CreateSandboxJob>(params);
            QVERIFY(SessionTest::finish(job));
        }
        QList<Sandbox> sandboxes;
        QVERIFY(SessionTest::finish(
            m_client.call<Orkestr::ListSandboxesJob>(),
            [&sandboxes](Orkestr::ListSandboxesJob *job) { sandboxes = job->sandboxes(); }));
        QCOMPARE(sandboxes.size(), 2);
        for (const auto &sandbox : std::as_const(sandboxes))
            m_samples.append(sandbox.toJson());
    }

    void sharesRecurringStrings()
    {
        // A listing shares its strings as its pages are parsed (a long list waits for its last
        // page): here two pages of one.
        SandboxStore store(&m_client);
        Orkestr::ListSandboxesParams params;
        params.limit = 1;
        int pages = 0;
        QList<Sandbox> listed;
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::ListSandboxesJob>(params),
                                    [&pages, &listed](Orkestr::ListSandboxesJob *job) {
                                        pages = job->pages();
                                        listed = job->takeSandboxes();
                                    }));
        QCOMPARE(pages, 2);
        QCOMPARE(listed.size(), 2);
        QVERIFY(sameText(listed[0].templateName, listed[1].templateName));
        QVERIFY(sameText(listed[0].metadata.firstKey(), listed[1].metadata.firstKey()));
        // The store holds one copy of each, whichever listing a sandbox came from.
        store.setSandboxes(listed);
        const Sandbox *a = store.find(listed[0].id);
        const Sandbox *b = store.find(listed[1].id);
        QVERIFY(a && b);
        QCOMPARE(a->templateName, b->templateName);
        QVERIFY(sameText(a->templateName, b->templateName));
        QVERIFY(sameText(a->statusText, b->statusText));
        QVERIFY(sameText(a->network, b->network));
        QCOMPARE(a->metadata.firstKey(), u"team"_s);
        QVERIFY(sameText(a->metadata.firstKey(), b->metadata.firstKey()));
        QVERIFY(a->region != b->region);

        // A third from another listing (an action's answer, a change of the watch) shares them too.
        const QByteArray body = listingOf(m_samples, 30);
        const QList<Sandbox> more = parse(body);
        QVERIFY(!sameText(more[0].templateName, a->templateName)); // parsed apart
        store.updateSandbox(more[0]);
        const Sandbox *c = store.find(more[0].id);
        QVERIFY(c);
        QVERIFY(sameText(c->templateName, a->templateName));
        // Its metadata keys are job and team: team shares the text of a's only key.
        QCOMPARE(c->metadata.keys(), (QStringList {u"job"_s, u"team"_s}));
        QVERIFY(sameText(c->metadata.keys().last(), a->metadata.firstKey()));
        store.mergeSandboxes(more);
        QList<const Sandbox *> failed;
        const Sandbox *paused = nullptr;
        for (const auto &sandbox : more) {
            if (sandbox.status == Sandbox::Status::Failed)
                failed.append(store.find(sandbox.id));
            else if (sandbox.status == Sandbox::Status::Paused)
                paused = store.find(sandbox.id);
        }
        QVERIFY(failed.size() >= 2 && paused);
        QCOMPARE(failed[0]->terminationReason, u"error"_s);
        QVERIFY(sameText(failed[0]->terminationReason, failed[1]->terminationReason));
        QVERIFY(sameText(failed[0]->statusText, failed[1]->statusText));
        // Timestamps in UTC: QDateTime's short form, which needs no heap.
        QVERIFY(c->createdAt.isValid());
        QCOMPARE(c->createdAt.timeSpec(), Qt::UTC);
        QVERIFY(paused->snapshot && paused->snapshot->createdAt.isValid());
        QCOMPARE(paused->snapshot->createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(paused->pausedAt.timeSpec(), Qt::UTC);
        // Equal values, not only shared ones: the stored copies compare equal to what was listed.
        QCOMPARE(*c, more[0]);
        QCOMPARE(*store.find(more[29].id), more[29]);
    }

    void heapPerSandbox()
    {
        const int count = qEnvironmentVariableIsSet("ORKESTR_MEMORY_SANDBOXES")
            ? qEnvironmentVariableIntValue("ORKESTR_MEMORY_SANDBOXES")
            : 10000;
        const QByteArray body = listingOf(m_samples, count);
        const qint64 before = heapInUse();
        if (before < 0)
            QSKIP("the heap in use cannot be read with this C library");
        QList<Sandbox> listed = parse(body);
        const qint64 parsed = heapInUse();
        SandboxStore store(&m_client);
        store.setSandboxes(listed);
        listed = QList<Sandbox>(); // as the poller drops the listing (= {} would keep its buffer)
        const qint64 stored = heapInUse();
        QCOMPARE(store.count(), count);
        const double listedPer = double(parsed - before) / count;
        const double storedPer = double(stored - before) / count;
        qInfo("%d sandboxes: %.0f heap bytes each as a parsed list, %.0f each in the store", count, listedPer,
              storedPer);
        ORKESTR_VERIFY_MEMORY_BOUND(storedPer <= 768, "a stored sandbox costs more than 768 heap bytes");
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
    QList<QJsonObject> m_samples;
};

QTEST_MAIN(TestSandboxMemory)
#include "tst_sandboxmemory.moc"
