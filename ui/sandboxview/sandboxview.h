#pragma once

#include "core/sandbox.h"

#include <QWidget>

#include <functional>

class QTabWidget;

namespace OrkestrSession {
class Prompter;
class SandboxEndingLookup;
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class ActivityTab;
class FilesPanel;
class MetricsTab;
class ProcessesTab;
class SandboxDetails;
class TerminalTabs;

// What a sandbox looks like up close: tabs for its Overview, Terminal and Files, and places for
// Activity, Metrics and Processes. A place's tab stays hidden until a feature fills it (the
// contract has a client hide an extension its server does not offer). The view shows one sandbox
// at a time; the terminals and file browsers of the others stay alive, so showing a sandbox again
// finds them as they were.
class SandboxView : public QWidget
{
    Q_OBJECT
public:
    enum class Place { Overview, Terminal, Files, Activity, Metrics, Processes };
    Q_ENUM(Place)
    // Shows a place's content for a sandbox (called when the view shows another one).
    using ShowSandbox = std::function<void(const QString &sandboxId)>;

    SandboxView(OrkestrSession::Session *session, OrkestrSession::Prompter *prompter,
                QWidget *parent = nullptr);

    // Empty: nothing to show.
    void showSandbox(const QString &sandboxId);
    QString sandboxId() const { return m_sandboxId; }

    // Fills an extension place (Activity, Metrics, Processes) and shows its tab.
    void setPlace(Place place, QWidget *widget, ShowSandbox show = {});
    bool isPlaceShown(Place place) const;
    void showPlace(Place place);
    // Shows a place and puts the keyboard focus in it (the terminal's prompt for the Terminal).
    void focusPlace(Place place);
    Place currentPlace() const;
    static QString placeTitle(Place place);

    void setReadOnly(bool readOnly);

    QTabWidget *tabs() const { return m_tabs; }
    SandboxDetails *overview() const { return m_overview; }
    TerminalTabs *terminals() const { return m_terminals; }
    FilesPanel *files() const { return m_files; }
    ActivityTab *activity() const { return m_activity; }
    MetricsTab *metrics() const { return m_metrics; }
    ProcessesTab *processes() const { return m_processes; }

Q_SIGNALS:
    void placeChanged(OrkestrUi::SandboxView::Place place);

private:
    void refresh();
    void updateQuickActions();
    int tabIndex(Place place) const;
    void setupActivity();
    void setupMonitoring();
    // A tab's request to show a place is for the sandbox it showed, which may no longer be this
    // view's: shows the place only when it still is.
    bool showPlaceFor(const QString &sandboxId, Place place);
    // Creates an extension place's tab: a tab of the session that shows one sandbox at a time.
    template<class Tab> Tab *addExtensionTab(Place place)
    {
        auto *tab = new Tab(m_session, m_tabs);
        setPlace(place, tab, [tab](const QString &id) { tab->showSandbox(id); });
        return tab;
    }
    void lookUpEnding(const Orkestr::Sandbox &sandbox);

    OrkestrSession::Session *m_session;
    QTabWidget *m_tabs;
    SandboxDetails *m_overview;
    TerminalTabs *m_terminals;
    FilesPanel *m_files;
    ActivityTab *m_activity = nullptr;
    MetricsTab *m_metrics = nullptr;
    ProcessesTab *m_processes = nullptr;
    // Why the shown sandbox ended, from its journal (one lookup at a time; the answers are kept).
    OrkestrSession::SandboxEndingLookup *m_ending = nullptr;
    QString m_endingFor;
    QHash<QString, QString> m_endings;
    QHash<Place, ShowSandbox> m_extensions;
    QString m_sandboxId;
};

} // namespace OrkestrUi
