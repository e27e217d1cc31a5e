#pragma once

#include "ui/sandboxview/sandboxview.h"

#include <QHash>
#include <QWidget>

class QTabBar;

namespace OrkestrUi {

// Sandboxes side by side, as tabs in a browser: the first tab follows the list's selection, and
// each sandbox opened (Enter or a double click in the list, or the palette) gets a tab of its own
// that stays until closed. All tabs share one SandboxView, which keeps every sandbox's terminals
// and browsers alive; each tab remembers which place (Overview, Terminal, ...) it showed.
class SandboxTabs : public QWidget
{
    Q_OBJECT
public:
    SandboxTabs(OrkestrSession::Session *session, OrkestrSession::Prompter *prompter,
                QWidget *parent = nullptr);

    SandboxView *view() const { return m_view; }
    QTabBar *tabBar() const { return m_bar; }

    // The list's selection (empty: none).
    void setSelected(const QString &sandboxId);
    // Gives the sandbox a tab of its own (or goes to the one it has) and shows it.
    void open(const QString &sandboxId);
    // Closes an opened sandbox's tab (the first tab, the selection's, stays).
    void closeTab(int index);
    void closeCurrentTab();
    // Next or previous tab, wrapping around.
    void cycle(int step);
    // The sandboxes that have tabs of their own, in tab order.
    QStringList openedIds() const;
    QString currentSandboxId() const { return m_view->sandboxId(); }

private:
    QString idAt(int index) const;
    QString placeKey(int index) const;
    void showTab(int index);
    void forget(const QStringList &ids);

    QTabBar *m_bar;
    SandboxView *m_view;
    QString m_selected;
    QHash<QString, SandboxView::Place> m_places;
};

} // namespace OrkestrUi
