#pragma once

#include "ui/sandboxes/sandboxtreemodel.h"

#include <QBitArray>
#include <QObject>

class QHeaderView;
class QTreeView;

namespace OrkestrUi {

// Which columns of the sandbox list show: the user picks them in the header's context menu;
// the defaults (id, status, template, time left) fit a laptop screen, and the region column hides
// while the list is grouped by region (every group says the region already).
class SandboxColumns : public QObject
{
    Q_OBJECT
public:
    explicit SandboxColumns(QTreeView *view);

    static bool shownByDefault(int column);
    // The user's choice (the grouping may still hide the region).
    bool isChosen(int column) const { return m_chosen.testBit(column); }
    void setChosen(int column, bool chosen);
    void setGrouping(SandboxTreeModel::Grouping grouping);
    // Sizes the shown columns to their contents, then narrows the widest so that they fit the
    // view's width without a horizontal scrollbar.
    void fitToContents();

    // Narrows the widest shown column so that all fit the view's width (after fitToContents).
    void fitToWidth();

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void showMenu(const QPoint &position);

    QTreeView *m_view;
    QBitArray m_chosen;
    SandboxTreeModel::Grouping m_grouping = SandboxTreeModel::Grouping::RegionThenStatus;
    bool m_fitted = false;
};

} // namespace OrkestrUi
