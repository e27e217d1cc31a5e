#pragma once

#include <QTimer>
#include <QWidget>

#include <memory>

class QStackedWidget;

namespace OrkestrSession {
class ActivityStore;
class SandboxMetricsHistory;
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class MetricChart;
class StatePage;

// The Metrics tab of the sandbox view: the last hour of a sandbox's CPU, memory (against its
// limit), processes, disk and network, with gaps where it was paused and the journal's pauses,
// failures and kills marked. The samples are the session's SandboxMetricsHistory, fetched only while
// the tab is visible; the markers come from the sandbox's ActivityStore.
class MetricsTab : public QWidget
{
    Q_OBJECT
public:
    enum class Chart { Cpu, Memory, Processes, Disk, Network };
    Q_ENUM(Chart)

    explicit MetricsTab(OrkestrSession::Session *session, QWidget *parent = nullptr);
    ~MetricsTab() override;

    // Empty: nothing to show.
    void showSandbox(const QString &sandboxId);
    QString sandboxId() const { return m_sandboxId; }

    MetricChart *chart(Chart which) const;
    // The sentence shown instead of the charts (loading, unsupported, failed); empty when the
    // charts are shown.
    QString stateText() const;
    OrkestrSession::SandboxMetricsHistory *history() const { return m_history.get(); }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void setActive(bool active);
    void updateState();
    void updateCharts();
    void updateMarkers();
    void updateTimeRange();

    OrkestrSession::Session *m_session;
    QString m_sandboxId;
    std::unique_ptr<OrkestrSession::SandboxMetricsHistory> m_history;
    std::shared_ptr<OrkestrSession::ActivityStore> m_activity;
    QStackedWidget *m_stack;
    StatePage *m_statePage;
    QWidget *m_chartsPage;
    QList<MetricChart *> m_charts;
    // Moves the time axis along while nothing new arrives (a paused sandbox).
    QTimer m_clock;
};

} // namespace OrkestrUi
