// A 256 MiB file through the streaming codec and through ReadFileJob/WriteFileJob over HTTP:
// the content arrives intact and the process's peak memory grows far less than the file, so
// the file is never held whole (neither raw, nor as base64, nor as JSON).

#include "core/base64jsonencoder.h"
#include "core/base64streamdecoder.h"
#include "core/client.h"
#include "core/filejobs.h"
#include "faultserver.h"
#include "memorybounds.h"

#include <QCryptographicHash>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <cstring>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 FileSize = 256LL * 1024 * 1024;
constexpr qint64 MaxGrowth = 64LL * 1024 * 1024;

// Peak resident memory of this process, from the kernel.
qint64 peakRss()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const auto &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

// Deterministic pseudo-random bytes, generated as read; hashes what it hands out.
class GeneratorDevice : public QIODevice
{
public:
    explicit GeneratorDevice(qint64 size)
        : m_left(size)
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_left + QIODevice::bytesAvailable(); }
    QByteArray hash() const { return m_hash.result(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min(maxSize, m_left);
        for (qint64 i = 0; i < n; i += 8) {
            m_state ^= m_state << 13;
            m_state ^= m_state >> 7;
            m_state ^= m_state << 17;
            std::memcpy(data + i, &m_state, size_t(std::min<qint64>(8, n - i)));
        }
        m_hash.addData(QByteArrayView(data, n));
        m_left -= n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_left;
    quint64 m_state = 0x9E3779B97F4A7C15ULL;
    QCryptographicHash m_hash {QCryptographicHash::Sha256};
};

// Hashes and counts what is written to it, keeping nothing.
class HashSink : public QIODevice
{
public:
    HashSink() { open(QIODevice::WriteOnly); }
    bool isSequential() const override { return true; }
    QByteArray hash() const { return m_hash.result(); }
    qint64 total = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        m_hash.addData(QByteArrayView(data, size));
        total += size;
        return size;
    }

private:
    QCryptographicHash m_hash {QCryptographicHash::Sha256};
};
} // namespace

class TestBigFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void codecStreams256MiB()
    {
        const qint64 before = peakRss();
        QVERIFY(before > 0);
        GeneratorDevice source(FileSize);
        Base64JsonEncoder encoder({{u"path"_s, u"/workspace/big.bin"_s}}, &source, FileSize);
        HashSink sink;
        Base64StreamDecoder decoder(&sink);
        QByteArray piece(64 * 1024, Qt::Uninitialized);
        qint64 bodySize = 0;
        for (;;) {
            const qint64 n = encoder.read(piece.data(), piece.size());
            if (n <= 0)
                break;
            bodySize += n;
            QVERIFY2(decoder.feed(QByteArrayView(piece.constData(), n)), qPrintable(decoder.errorString()));
        }
        QVERIFY2(decoder.finish(), qPrintable(decoder.errorString()));
        QCOMPARE(bodySize, encoder.size());
        QVERIFY(bodySize > FileSize * 4 / 3);
        QCOMPARE(sink.total, FileSize);
        QCOMPARE(sink.hash(), source.hash());
        QCOMPARE(decoder.envelope().value(u"path"_s).toString(), u"/workspace/big.bin"_s);
        const qint64 growth = peakRss() - before;
        qInfo("peak memory growth: %lld MiB", growth >> 20);
        ORKESTR_VERIFY_MEMORY_BOUND(growth < MaxGrowth,
                                    qPrintable(u"peak memory grew by %1 MiB"_s.arg(growth >> 20)));
    }

    void readFile256MiBOverHttp()
    {
        FaultServer server;
        QVERIFY(server.listen());
        // The server makes the response as it sends it: the JSON head, the base64 of generated
        // bytes chunk by chunk, and the closing quote and brace.
        auto generated = std::make_shared<GeneratorDevice>(FileSize);
        auto suffixSent = std::make_shared<bool>(false);
        const QByteArray prefix = "{\"path\":\"/workspace/big.bin\",\"size\":" + QByteArray::number(FileSize)
            + ",\"encoding\":\"base64\",\"content\":\"";
        const qint64 length = prefix.size() + Base64JsonEncoder::encodedSize(FileSize) + 2;
        FaultResponse response;
        response.pieces = {"HTTP/1.1 200 OK\r\nX-Request-Id: req_big\r\nConnection: close\r\n"
                           "Content-Type: application/json\r\nContent-Length: "
                           + QByteArray::number(length) + "\r\n\r\n" + prefix};
        response.generator = [generated, suffixSent]() -> QByteArray {
            if (generated->bytesAvailable() > 0)
                return generated->read(3 * 64 * 1024).toBase64();
            if (*suffixSent)
                return {};
            *suffixSent = true;
            return "\"}";
        };
        server.enqueue(response);

        Client client;
        client.setBaseUrl(server.url());
        client.setToken(u"ork_bigFileTest000000000000000000"_s);
        const qint64 before = peakRss();
        HashSink sink;
        auto *job
            = client.call<ReadFileJob>(u"sbx_1"_s, u"/workspace/big.bin"_s, static_cast<QIODevice *>(&sink));
        QPointer<Job> alive(job);
        QSignalSpy finished(job, &Job::finished);
        QSignalSpy progress(job, &Job::progress);
        QVERIFY(finished.wait(240000));
        QVERIFY(alive);
        QVERIFY2(job->status() == Job::Status::Succeeded, qPrintable(job->error().message()));
        QCOMPARE(job->size(), FileSize);
        QCOMPARE(sink.total, FileSize);
        QCOMPARE(sink.hash(), generated->hash());
        QVERIFY(progress.size() > 10);
        QCOMPARE(progress.last().at(0).toLongLong(), length);
        const qint64 growth = peakRss() - before;
        qInfo("peak memory growth: %lld MiB", growth >> 20);
        ORKESTR_VERIFY_MEMORY_BOUND(growth < MaxGrowth,
                                    qPrintable(u"peak memory grew by %1 MiB"_s.arg(growth >> 20)));
    }

    void writeFile256MiBOverHttp()
    {
        FaultServer server;
        QVERIFY(server.listen());
        // The server decodes the upload as it arrives, keeping only a hash.
        HashSink received;
        Base64StreamDecoder serverDecoder(&received);
        bool decodeOk = true;
        qint64 bodyBytes = 0;
        server.bodySink = [&](QByteArrayView piece) {
            bodyBytes += piece.size();
            decodeOk = decodeOk && serverDecoder.feed(piece);
        };
        server.enqueue(
            FaultResponse::json(200,
                                QByteArray("{\"name\":\"big.bin\",\"is_dir\":false,\"size\":268435456,"
                                           "\"mode\":420,\"modified_at\":\"2026-11-21T20:32:00.123Z\"}")));
        Client client;
        client.setBaseUrl(server.url());
        client.setToken(u"ork_bigFileTest000000000000000000"_s);
        const qint64 before = peakRss();
        GeneratorDevice source(FileSize);
        auto *job = client.call<WriteFileJob>(u"sbx_1"_s, u"/workspace/big.bin"_s,
                                              static_cast<QIODevice *>(&source), FileSize);
        QPointer<Job> alive(job);
        QSignalSpy finished(job, &Job::finished);
        QSignalSpy progress(job, &Job::progress);
        QVERIFY(finished.wait(240000));
        QVERIFY(alive);
        QVERIFY2(job->status() == Job::Status::Succeeded, qPrintable(job->error().message()));
        QCOMPARE(job->entry().size, FileSize);
        QVERIFY2(decodeOk && serverDecoder.finish(), qPrintable(serverDecoder.errorString()));
        QCOMPARE(bodyBytes, server.requests.first().header("Content-Length").toLongLong());
        QCOMPARE(received.total, FileSize);
        QCOMPARE(received.hash(), source.hash());
        QCOMPARE(serverDecoder.envelope().value(u"path"_s).toString(), u"/workspace/big.bin"_s);
        QVERIFY(progress.size() > 10);
        const qint64 growth = peakRss() - before;
        qInfo("peak memory growth: %lld MiB", growth >> 20);
        ORKESTR_VERIFY_MEMORY_BOUND(growth < MaxGrowth,
                                    qPrintable(u"peak memory grew by %1 MiB"_s.arg(growth >> 20)));
    }
};

QTEST_GUILESS_MAIN(TestBigFile)
#include "tst_bigfile.moc"
