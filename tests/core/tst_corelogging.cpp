// OrkestrCore's logging categories: each request's start and end at debug level, retries and
// rate-limit waits at info, and the token in none of it (nor in the error a job reports), even
// where the server echoes it.

#include "core/client.h"
#include "core/logging.h"
#include "core/redaction.h"
#include "core/sandboxjobs.h"
#include "faultserver.h"
#include "jobtesting.h"

#include <QLoggingCategory>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
const QString Token = u"ork_loggingTestToken0123456789abcd"_s;

QStringList s_messages;
QtMessageHandler s_previousHandler = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (QByteArrayView(context.category).startsWith("orkestr.core"))
        s_messages.append(u"%1 %2: %3"_s.arg(int(type)).arg(QString::fromLatin1(context.category), message));
    s_previousHandler(type, context, message);
}
} // namespace

class TestCoreLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"orkestr.core.*.debug=true"_s);
        s_previousHandler = qInstallMessageHandler(collect);
    }
    void cleanupTestCase()
    {
        qInstallMessageHandler(s_previousHandler);
        QLoggingCategory::setFilterRules({});
    }
    void init() { s_messages.clear(); }

    void redactionReplacesEveryOccurrence()
    {
        QCOMPARE(redacted(u"a %1 b %1"_s.arg(Token), Token), u"a ork_*** b ork_***"_s);
        QCOMPARE(redacted(u"no secret here"_s, QString()), u"no secret here"_s);
        const QJsonObject nested {{Token, QJsonArray {u"x"_s + Token}}};
        const auto cleaned = redacted(QJsonValue(nested), Token).toObject();
        QVERIFY(cleaned.contains(u"ork_***"_s));
        QCOMPARE(cleaned.value(u"ork_***"_s).toArray().at(0).toString(), u"xork_***"_s);
    }

    void requestsRetriesAndWaitsAreLoggedWithoutTheToken()
    {
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        client.setBaseUrl(server.url());
        client.setToken(Token);
        client.setBackoff(std::chrono::milliseconds(10), std::chrono::milliseconds(20));
        // A 503 (retried), a 429 (waited out), then an error that echoes the token in its message
        // and type, as a careless proxy might.
        server.enqueue(FaultResponse::error(503, u"unavailable"_s));
        server.enqueue(FaultResponse::error(429, u"rate_limited"_s, {{u"retry_after"_s, 0.05}}));
        server.enqueue(FaultResponse::json(
            404,
            QJsonObject {{u"error"_s,
                          QJsonObject {{u"type"_s, u"not_found_"_s + Token},
                                       {u"message"_s, u"token "_s + Token + u" unknown"_s}}}}));
        // The id carries the token too: the logged path must not.
        auto *job = client.call<GetSandboxJob>(u"sbx_"_s + Token);
        QVERIFY(!runToEnd(job));
        QCOMPARE(server.requests.size(), 3);
        QCOMPARE(job->retries(), 1);
        QVERIFY2(!job->error().message().contains(Token), qPrintable(job->error().message()));
        QVERIFY(!job->error().type().contains(Token));

        const QString all = s_messages.join(u'\n');
        QVERIFY2(!all.contains(Token), qPrintable(all));
        const auto count = [&](const QString &needle) {
            return int(std::count_if(s_messages.cbegin(), s_messages.cend(),
                                     [&](const QString &m) { return m.contains(needle); }));
        };
        const QString debug = QString::number(int(QtDebugMsg)) + u" orkestr.core.network: "_s;
        const QString info = QString::number(int(QtInfoMsg)) + u" orkestr.core.network: "_s;
        QCOMPARE(count(debug + u"start GET"_s), 3); // one per attempt
        QCOMPARE(count(debug + u"end GET"_s), 1);
        QCOMPARE(count(info + u"retry 1 of GET"_s), 1);
        QCOMPARE(count(info + u"rate limited: GET"_s), 1);
        QVERIFY2(all.contains(u"/v1/sandboxes/sbx_ork_***"_s), qPrintable(all));
    }

    void infoIsOnByDefaultAndDebugIsNot()
    {
        QLoggingCategory::setFilterRules({});
        QVERIFY(lcCoreNetwork().isInfoEnabled());
        QVERIFY(!lcCoreNetwork().isDebugEnabled());
        QVERIFY(lcCore().isInfoEnabled());
        QLoggingCategory::setFilterRules(u"orkestr.core.*.debug=true"_s);
        QVERIFY(lcCoreNetwork().isDebugEnabled());
    }
};

QTEST_MAIN(TestCoreLogging)
#include "tst_corelogging.moc"
