#include "tools/desk-scenes/firstlistprobe.h"

#include "bench/benchsupport.h"
#include "session/sandboxpoller.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QTreeView>

#include <cstdio>
#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace OrkestrDesk {

namespace {

// Milliseconds since the kernel started this process (/proc/self/stat field 22 against
// /proc/uptime; clock-tick resolution, usually 10 ms), or -1.
double msSinceExec()
{
#ifdef Q_OS_LINUX
    QFile stat(u"/proc/self/stat"_s), uptime(u"/proc/uptime"_s);
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The fields after the command name, which is in parentheses and may hold spaces.
    const auto fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(22 - 3).toDouble();
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble();
    return (upSeconds - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
#else
    return -1;
#endif
}

} // namespace

FirstListProbe::FirstListProbe(const QElapsedTimer &sinceMain, OrkestrUi::SandboxesPage *page, int expected)
    : QObject(page)
    , m_sinceMain(sinceMain)
    , m_page(page)
    , m_expected(expected)
{
    page->view()->viewport()->installEventFilter(this);
    // Connected after the page's own connection, so this runs once the model has the list.
    connect(page->poller(), &OrkestrSession::SandboxPoller::listingFinished, this, [this](qsizetype count) {
        if (m_listMs < 0 && count >= m_expected)
            m_listMs = double(m_sinceMain.nsecsElapsed()) / 1e6;
    });
}

void FirstListProbe::setConnectedMs(double ms)
{
    if (m_connectedMs < 0)
        m_connectedMs = ms;
}

bool FirstListProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_firstRowsSeen && m_page->model()->sandboxCount() > 0) {
        // The first paint with any sandboxes (the first page of a long list): timed once it is over.
        m_firstRowsSeen = true;
        m_firstRowsCount = m_page->model()->sandboxCount();
        QMetaObject::invokeMethod(
            this, [this] { m_firstRowsMs = double(m_sinceMain.nsecsElapsed()) / 1e6; }, Qt::QueuedConnection);
    }
    if (event->type() == QEvent::Paint && !m_done && m_page->model()->sandboxCount() >= m_expected) {
        m_done = true;
        // Queued: report once this paint (and the flush that follows it) is over.
        QMetaObject::invokeMethod(this, &FirstListProbe::report, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void FirstListProbe::report()
{
    const double mainMs = double(m_sinceMain.nsecsElapsed()) / 1e6;
    const auto *view = m_page->view();
    const bool rowsShown = view->indexAt(QPoint(2, 2)).isValid();
    const qint64 pid = QCoreApplication::applicationPid();
    std::printf("first-list-painted: since_main_ms=%.1f since_exec_ms=%.0f connected_ms=%.1f "
                "first_rows_painted_ms=%.1f first_rows=%d "
                "list_applied_ms=%.1f sandboxes=%d rows_shown=%d peak_rss_kb=%lld rss_kb=%lld\n",
                mainMs, msSinceExec(), m_connectedMs, m_firstRowsMs, m_firstRowsCount, m_listMs,
                m_page->model()->sandboxCount(), rowsShown ? 1 : 0, Bench::procStatusKb(pid, "VmHWM"),
                Bench::procStatusKb(pid, "VmRSS"));
    std::fflush(stdout);
    QApplication::exit(rowsShown ? 0 : 3);
}

} // namespace OrkestrDesk
