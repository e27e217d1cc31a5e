#include "ui/views/statepage.h"

#include "session/polledstore.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace OrkestrUi {

StatePage::StatePage(const QString &name, const QString &retryName, QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_retry(new QPushButton(tr("Try again"), this))
{
    m_label->setObjectName(name + QLatin1StringView("State"));
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(name + QLatin1StringView("Retry"));
    m_retry->setAccessibleName(retryName);
    m_retry->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_label);
    layout->addWidget(m_retry, 0, Qt::AlignHCenter);
    layout->addStretch();
    connect(m_retry, &QPushButton::clicked, this, &StatePage::retryRequested);
}

bool StatePage::showState(const OrkestrSession::PolledStore *store, bool loaded, const Texts &texts)
{
    using State = OrkestrSession::PolledStore::State;
    const State state = store ? store->state() : State::Idle;
    setRetryVisible(state == State::Failed);
    const bool saysNotRunning = state == State::NotRunning && !texts.notRunning.isEmpty();
    if (loaded && state != State::Failed && state != State::Unsupported && !saysNotRunning)
        return false;
    switch (state) {
    case State::Live:
    case State::Idle:
    case State::Loading:
    case State::NotRunning:
        setText(!store ? texts.noSandbox : saysNotRunning ? texts.notRunning : texts.loading);
        break;
    case State::Offline:
        setText(texts.retrying.arg(store->lastError().displayText()));
        break;
    case State::Unsupported:
        setText(texts.unsupported);
        break;
    case State::Failed:
        setText(texts.failed.arg(store->lastError().displayText()));
        break;
    }
    return true;
}

void StatePage::setText(const QString &text)
{
    m_label->setText(text);
}

QString StatePage::text() const
{
    return m_label->text();
}

void StatePage::setRetryVisible(bool visible)
{
    m_retry->setVisible(visible);
}

} // namespace OrkestrUi
