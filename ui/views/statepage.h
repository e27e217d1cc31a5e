#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace OrkestrUi {

// What a tab shows instead of its content while there is none: one centred sentence (loading, not
// supported by this server, failed with the request id) and, after a failure, a button to try again.
class StatePage : public QWidget
{
    Q_OBJECT
public:
    // `name` prefixes the object names of the label and the button (e.g. "metrics": metricsState,
    // metricsRetry); `retryName` is what a screen reader says for the button.
    StatePage(const QString &name, const QString &retryName, QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    void setRetryVisible(bool visible);
    QPushButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    void retryRequested();

private:
    QLabel *m_label;
    QPushButton *m_retry;
};

} // namespace OrkestrUi
