#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace OrkestrUi {
class SandboxesPage;
}

namespace OrkestrDesk {

// --exit-after-first-list (bench/bench_dashboard, scripts/install-test.sh): waits for the sandbox
// view's first paint once the model holds the expected number of sandboxes, prints the timings
// and the peak RSS on one line of stdout ("first-list-painted: since_main_ms=… rows_shown=1 …")
// and quits (exit code 0 when rows were shown, 3 when not).
class FirstListProbe : public QObject
{
public:
    FirstListProbe(const QElapsedTimer &sinceMain, OrkestrUi::SandboxesPage *page, int expected);
    // When the account arrived, in ms since main(); only the first call counts.
    void setConnectedMs(double ms);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void report();

    const QElapsedTimer &m_sinceMain;
    OrkestrUi::SandboxesPage *m_page;
    int m_expected;
    double m_connectedMs = -1;
    double m_listMs = -1;
    double m_firstRowsMs = -1;
    int m_firstRowsCount = 0;
    bool m_firstRowsSeen = false;
    bool m_done = false;
};

} // namespace OrkestrDesk
