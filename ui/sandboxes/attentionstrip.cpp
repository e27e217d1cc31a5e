#include "ui/sandboxes/attentionstrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

AttentionStrip::AttentionStrip(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_filter(new QToolButton(this))
{
    setObjectName(u"attentionStrip"_s);
    setAccessibleName(tr("Needs attention"));
    setAutoFillBackground(true);
    QPalette strip = palette();
    // Amber with dark text, readable in light and dark palettes alike.
    strip.setColor(QPalette::Window, QColor(0xf5, 0xc2, 0x11));
    strip.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    setPalette(strip);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    icon->setAccessibleName(tr("Warning"));
    m_text->setObjectName(u"attentionText"_s);
    m_filter->setObjectName(u"attentionFilter"_s);
    m_filter->setText(tr("Show only these"));
    m_filter->setAccessibleName(tr("Show only the sandboxes that need attention"));
    m_filter->setToolTip(tr("Filter the list to failed sandboxes and those expiring within 5 minutes"));
    m_filter->setCheckable(true);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_filter);
    connect(m_filter, &QToolButton::toggled, this, &AttentionStrip::filterToggled);
    setSummary({});
}

void AttentionStrip::setSummary(const OrkestrSession::AttentionSummary &summary)
{
    m_summary = summary;
    QStringList parts;
    if (summary.failed > 0)
        parts.append(tr("%n failed", nullptr, summary.failed));
    if (summary.expiringSoon > 0)
        parts.append(tr("%n expiring within 5 minutes", nullptr, summary.expiringSoon));
    if (summary.quotaFull)
        parts.append(tr("snapshot quota full"));
    if (summary.disconnected)
        parts.append(tr("disconnected"));
    else if (summary.rateLimited)
        parts.append(tr("rate limited"));
    m_text->setText(tr("Needs attention: %1").arg(parts.join(u" · "_s)));
    // Nothing to filter any more: the list shows everything again.
    if (summary.sandboxes() == 0 && m_filter->isChecked())
        m_filter->setChecked(false);
    m_filter->setVisible(summary.sandboxes() > 0);
    setVisible(!summary.isEmpty());
}

QString AttentionStrip::text() const
{
    return isHidden() ? QString() : m_text->text();
}

bool AttentionStrip::isFiltering() const
{
    return m_filter->isChecked();
}

void AttentionStrip::setFiltering(bool filtering)
{
    m_filter->setChecked(filtering);
}

} // namespace OrkestrUi
