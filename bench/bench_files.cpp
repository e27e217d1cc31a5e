// bench_files (issue 7): the file browser's transfer path and a large directory listing.
//
// Starts its own orkestr-local and a sandbox, then:
//  - uploads and downloads a file of --mib MiB (256) of random bytes through the TransfersPanel
//    (the UI's path: Transfer -> WriteFileBytesJob/ReadFileBytesJob, streamed base64), timing each
//    and this process's peak RSS growth, and checks the bytes came back identical (SHA-256);
//  - does the same with curl on the same endpoints (the reference: the JSON body written to a file
//    beforehand for the upload, read to /dev/null for the download);
//  - lists a directory of --entries (10,000) files in a real FileBrowser, 1200×800 offscreen: the
//    time from navigateTo() to the first paint of the full list, and the GUI thread's longest stall.
//
// Options: --mib N (256), --entries N (10000), --server PATH.

#include "core/client.h"
#include "core/localserverprocess.h"
#include "core/sandboxjobs.h"
#include "session/transferqueue.h"
#include "ui/dialogprompter.h"
#include "ui/files/filebrowser.h"
#include "ui/files/remotefsmodel.h"
#include "ui/files/transferspanel.h"

#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeView>
#include <QUrlQuery>

using namespace Orkestr;
using namespace OrkestrUi;
using namespace Bench;
using namespace Qt::StringLiterals;

namespace {

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        die(u"cannot read "_s + path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

void writeRandomFile(const QString &path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        die(u"cannot write "_s + path);
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    for (qint64 done = 0; done < bytes; done += block.size()) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        file.write(block.constData(), std::min<qint64>(block.size(), bytes - done));
    }
}

// The upload's JSON body, written chunk by chunk (curl streams it from the file with -T).
void writeUploadBody(const QString &source, const QString &remotePath, const QString &bodyPath)
{
    QFile in(source), out(bodyPath);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        die(u"cannot prepare the curl body"_s);
    out.write(R"({"path":")" + remotePath.toUtf8() + R"(","encoding":"base64","content":")");
    while (!in.atEnd())
        out.write(in.read(3 * 256 * 1024).toBase64()); // a multiple of 3: no padding mid-stream
    out.write(R"("})");
}

struct TransferRun
{
    double seconds = 0;
    qint64 peakGrowthKb = 0;
};

TransferRun runTransfer(OrkestrSession::TransferQueue &queue, bool upload, const QString &remote,
                        const QString &local)
{
    const qint64 pid = QCoreApplication::applicationPid();
    const qint64 before = procStatusKb(pid, "VmRSS");
    resetPeakRss(pid);
    QElapsedTimer timer;
    timer.start();
    auto *transfer = upload ? queue.upload(local, remote) : queue.download(remote, local);
    QEventLoop loop;
    QObject::connect(transfer, &OrkestrSession::Transfer::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(900000, &loop, [&] { die(u"the transfer did not end within 15 minutes"_s); });
    if (!transfer->isFinished())
        loop.exec();
    TransferRun run;
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (transfer->state() != OrkestrSession::Transfer::State::Succeeded)
        die(u"the transfer failed: "_s + transfer->error().displayText());
    run.peakGrowthKb = procStatusKb(pid, "VmHWM") - before;
    return run;
}

double curlSeconds(const QStringList &arguments)
{
    QProcess curl;
    curl.start(u"curl"_s, QStringList {u"-sS"_s, u"-w"_s, u"%{http_code} %{time_total}"_s} + arguments);
    if (!curl.waitForFinished(900000) || curl.exitCode() != 0)
        die(u"curl failed: "_s + QString::fromUtf8(curl.readAllStandardError()));
    const auto fields = QString::fromUtf8(curl.readAllStandardOutput()).trimmed().split(u' ');
    if (fields.value(fields.size() - 2) != u"200"_s)
        die(u"curl answered "_s + fields.join(u' '));
    return fields.last().toDouble();
}

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"bench_files"_s);
    CommandLine parser(u"Transfers and a large directory through the file browser."_s);
    QCommandLineOption mibOption(u"mib"_s, u"File size in MiB (default 256)."_s, u"n"_s, u"256"_s);
    QCommandLineOption entriesOption(u"entries"_s, u"Directory entries (default 10000)."_s, u"n"_s,
                                     u"10000"_s);
    const QCommandLineOption serverOption = localServerOption();
    parser.addOptions({mibOption, entriesOption, serverOption});
    parser.process(app);
    const qint64 bytes = std::max<qint64>(1, parser.value(mibOption).toLongLong()) * 1024 * 1024;
    const int entries = std::max(1, parser.value(entriesOption).toInt());
    const double mibs = double(bytes) / (1024.0 * 1024.0);

    BenchSandbox bench(parser.value(serverOption));
    const QTemporaryDir &scratch = bench.scratch;
    LocalServerProcess &server = bench.server;
    Client &client = bench.client;
    const QString &sandbox = bench.sandbox;

    const QByteArray loadBefore = loadAverage();
    out() << "bench_files: " << mibs << " MiB, " << entries << " entries, " << QThread::idealThreadCount()
          << " cores, " << QSysInfo::prettyProductName() << ", load " << loadBefore << Qt::endl;

    const QString source = scratch.filePath(u"source.bin"_s);
    writeRandomFile(source, bytes);
    const QByteArray sourceHash = sha256Of(source);
    const QString headerFile = scratch.filePath(u"curl-headers"_s);
    writeCurlHeaders(headerFile, server.token());
    const QString filesUrl = server.url().toString() + sandboxPath(sandbox, u"/files"_s);

    // The reference first: curl up and down, twice each.
    const QString body = scratch.filePath(u"upload.json"_s);
    writeUploadBody(source, u"/workspace/curl.bin"_s, body);
    QList<double> curlUp, curlDown;
    for (int round = 0; round < 2; ++round) {
        curlUp.append(curlSeconds({u"-X"_s, u"PUT"_s, u"-H"_s, u"@"_s + headerFile, u"-T"_s, body, u"-o"_s,
                                   u"/dev/null"_s, filesUrl}));
        curlDown.append(curlSeconds({u"-H"_s, u"@"_s + headerFile, u"-o"_s, u"/dev/null"_s,
                                     filesUrl + u"?path=/workspace/curl.bin"_s}));
        out() << "round " << round + 1 << ": curl up " << curlUp.last() << " s, down " << curlDown.last()
              << " s" << Qt::endl;
    }
    QFile::remove(body);

    // The UI's transfer path.
    OrkestrSession::TransferQueue queue(&client, sandbox);
    TransfersPanel panel(&queue);
    panel.show();
    QList<double> uiUp, uiDown;
    qint64 upGrowth = 0, downGrowth = 0;
    for (int round = 0; round < 2; ++round) {
        const TransferRun up = runTransfer(queue, true, u"/workspace/ui.bin"_s, source);
        const QString copy = scratch.filePath(u"copy.bin"_s);
        QFile::remove(copy);
        const TransferRun down = runTransfer(queue, false, u"/workspace/ui.bin"_s, copy);
        if (sha256Of(copy) != sourceHash)
            die(u"the downloaded file differs from the uploaded one"_s);
        QFile::remove(copy);
        uiUp.append(up.seconds);
        uiDown.append(down.seconds);
        upGrowth = std::max(upGrowth, up.peakGrowthKb);
        downGrowth = std::max(downGrowth, down.peakGrowthKb);
        out() << "round " << round + 1 << ": UI up " << up.seconds << " s (peak +" << mib(up.peakGrowthKb)
              << "), down " << down.seconds << " s (peak +" << mib(down.peakGrowthKb) << "), bytes identical"
              << Qt::endl;
    }

    QList<Row> rows;
    const auto rate = [&](double seconds) {
        return mibs / seconds;
    };
    const double curlUpRate = rate(percentile(curlUp, 0.5)), curlDownRate = rate(percentile(curlDown, 0.5));
    const double uiUpRate = rate(percentile(uiUp, 0.5)), uiDownRate = rate(percentile(uiDown, 0.5));
    rows.append({u"upload %1 MiB: TransfersPanel / curl, medians of 2"_s.arg(mibs),
                 u"%1 / %2 MiB/s (ratio %3)"_s.arg(uiUpRate, 0, 'f', 1)
                     .arg(curlUpRate, 0, 'f', 1)
                     .arg(uiUpRate / curlUpRate, 0, 'f', 2),
                 QString(), QString()});
    rows.append({u"download %1 MiB: TransfersPanel / curl, medians of 2"_s.arg(mibs),
                 u"%1 / %2 MiB/s (ratio %3)"_s.arg(uiDownRate, 0, 'f', 1)
                     .arg(curlDownRate, 0, 'f', 1)
                     .arg(uiDownRate / curlDownRate, 0, 'f', 2),
                 QString(), QString()});
    rows.append({u"peak RSS growth during the upload / the download (worst of 2)"_s,
                 u"%1 / %2"_s.arg(mib(upGrowth), mib(downGrowth)), u"≤ 64 MiB"_s,
                 verdict(std::max(upGrowth, downGrowth) <= 64 * 1024)});

    // A directory of many entries, made in the sandbox in one exec.
    const QString many = u"/workspace/many"_s;
    if (const auto error = runJob<ExecJob>(
            client,
            new ExecJob(
                sandbox,
                u"mkdir -p %1 && cd %1 && seq -f 'file-%g.txt' 1 %2 | xargs touch"_s.arg(many).arg(entries)));
        error.isError())
        die(u"making the directory failed: "_s + error.displayText());
    QList<double> listTimes, stalls;
    for (int round = 0; round < 3; ++round) {
        // A new browser each round: its model has never listed the directory.
        DialogPrompter prompter(nullptr); // nothing is asked while listing
        FileBrowser browser(&client, sandbox, &prompter);
        browser.resize(1200, 800);
        browser.show();
        QCoreApplication::processEvents();
        LatencyProbe probe(5);
        bool painted = false;
        QElapsedTimer timer;
        struct PaintWatch : QObject
        {
            std::function<void()> onPaint;
            bool eventFilter(QObject *watched, QEvent *event) override
            {
                if (event->type() == QEvent::Paint && onPaint)
                    onPaint();
                return QObject::eventFilter(watched, event);
            }
        } watch;
        double paintedMs = 0;
        watch.onPaint = [&] {
            const QTreeView *list = browser.listView();
            if (!painted && list->model()->rowCount(list->rootIndex()) == entries) {
                painted = true;
                paintedMs = double(timer.nsecsElapsed()) / 1e6;
            }
        };
        browser.listView()->viewport()->installEventFilter(&watch);
        probe.start();
        timer.start();
        browser.navigateTo(many);
        QElapsedTimer guard;
        guard.start();
        while (!painted && guard.elapsed() < 60000) // the probe's timer wakes the loop every 5 ms
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        probe.stop();
        browser.listView()->viewport()->removeEventFilter(&watch);
        if (!painted)
            die(u"the list of %1 entries was not painted within a minute (%2 shown)"_s.arg(entries).arg(
                browser.visibleNames().size()));
        listTimes.append(paintedMs);
        stalls.append(probe.longest());
        out() << "round " << round + 1 << ": " << entries << " entries painted after " << ms(paintedMs)
              << ", longest stall " << ms(probe.longest()) << Qt::endl;
    }
    rows.append(
        {u"directory of %1 entries: navigateTo to the painted list, median of 3 (longest GUI stall)"_s.arg(
             entries),
         u"%1 (%2)"_s.arg(ms(percentile(listTimes, 0.5)), ms(percentile(stalls, 1.0))), QString(),
         QString()});

    printTable(rows);
    out() << Qt::endl << "load average before: " << loadBefore << "; after: " << loadAverage() << Qt::endl;
    server.stop();
    return 0;
}
