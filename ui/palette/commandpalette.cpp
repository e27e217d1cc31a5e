#include "ui/palette/commandpalette.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

CommandPalette::CommandPalette(QWidget *window)
    : QFrame(window)
    , m_model(new PaletteModel(this))
    , m_search(new QLineEdit(this))
    , m_results(new QListView(this))
{
    setObjectName(u"commandPalette"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Command palette"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_search->setObjectName(u"paletteSearch"_s);
    m_search->setPlaceholderText(tr("Find a sandbox by id or metadata, or an action by name"));
    m_search->setAccessibleName(tr("Palette search"));
    m_search->setClearButtonEnabled(true);
    m_results->setObjectName(u"paletteResults"_s);
    m_results->setAccessibleName(tr("Palette results"));
    m_results->setModel(m_model);
    m_results->setUniformItemSizes(true);
    m_results->setFocusPolicy(Qt::NoFocus);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_search);
    layout->addWidget(m_results);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setQuery(text);
        m_results->setCurrentIndex(m_model->index(0, 0));
    });
    connect(m_results, &QListView::activated, this, [this](const QModelIndex &index) {
        m_results->setCurrentIndex(index);
        activateCurrent();
    });
    // A click elsewhere closes it, as a popup would.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (isVisible() && (!now || !isAncestorOf(now)))
            hide();
    });
    m_search->installEventFilter(this);
    window->installEventFilter(this);
    hide();
}

void CommandPalette::popup()
{
    m_search->clear();
    m_model->setQuery({});
    m_results->setCurrentIndex(m_model->index(0, 0));
    place();
    show();
    raise();
    m_search->setFocus(Qt::PopupFocusReason);
}

void CommandPalette::place()
{
    const QWidget *window = parentWidget();
    const int width = std::clamp(window->width() * 3 / 5, 360, 760);
    const int height = std::clamp(window->height() / 2, 200, 480);
    setGeometry((window->width() - width) / 2, 48, width, height);
}

void CommandPalette::activateCurrent()
{
    const QModelIndex index
        = m_results->currentIndex().isValid() ? m_results->currentIndex() : m_model->index(0, 0);
    if (!index.isValid())
        return;
    hide();
    if (index.data(PaletteModel::KindRole).value<PaletteModel::Kind>() == PaletteModel::Kind::Sandbox) {
        Q_EMIT sandboxChosen(index.data(PaletteModel::SandboxIdRole).toString());
    } else if (auto *action
               = qobject_cast<QAction *>(index.data(PaletteModel::ActionRole).value<QObject *>())) {
        action->trigger();
    }
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    if (watched != m_search || event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const int rows = m_model->rowCount();
    const int current = m_results->currentIndex().row();
    switch (key->key()) {
    case Qt::Key_Escape:
        hide();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        activateCurrent();
        return true;
    case Qt::Key_Down:
        if (rows > 0)
            m_results->setCurrentIndex(m_model->index(std::min(current + 1, rows - 1), 0));
        return true;
    case Qt::Key_Up:
        if (rows > 0)
            m_results->setCurrentIndex(m_model->index(std::max(current - 1, 0), 0));
        return true;
    default:
        return QFrame::eventFilter(watched, event);
    }
}

} // namespace OrkestrUi
