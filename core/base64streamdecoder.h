#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

class QIODevice;

namespace Orkestr {

// Scans a JSON object as it arrives and decodes the base64 string of one top-level field
// ("content") chunk by chunk into a device, so that a file read never holds the whole file,
// its base64 or the JSON document in memory. The other fields (path, size, encoding) are kept
// and parsed at the end.
class Base64StreamDecoder
{
public:
    explicit Base64StreamDecoder(QIODevice *target, QString field = QStringLiteral("content"));

    // Returns false on an error (malformed JSON or base64, a failing target); see errorString().
    bool feed(QByteArrayView bytes);
    // Call at the end of the response: checks that the document and the field were complete.
    bool finish();

    QString errorString() const { return m_error; }
    qint64 decodedBytes() const { return m_decoded; }
    bool foundField() const { return m_foundField; }
    // The document's other fields, valid after finish().
    QJsonObject envelope() const { return m_envelope; }

private:
    enum class State {
        Outside, // between tokens
        InString, // in a string that is not the field's value
        InStringEscape,
        AfterFieldColon, // after "content": waiting for the opening quote
        InField, // inside the field's base64 value
        InFieldEscape,
    };
    bool fail(const QString &message);
    bool decodeQuads(bool final);
    // A character of a string other than the field: kept in the rest, and in the key when the
    // string is one.
    void keepStringCharacter(char c);
    bool writeOut(const QByteArray &bytes);

    QIODevice *m_target;
    QString m_field;
    State m_state = State::Outside;
    int m_depth = 0;
    bool m_expectKey = false;
    bool m_inKey = false;
    QByteArray m_key;
    QByteArray m_lastKey;
    QByteArray m_rest; // the document without the field's value
    QByteArray m_base64; // base64 characters not yet decoded (less than one chunk)
    QByteArray m_decodeBuffer; // reused for each decoded chunk
    qint64 m_decoded = 0;
    bool m_foundField = false;
    bool m_fieldDone = false;
    bool m_documentDone = false;
    QJsonObject m_envelope;
    QString m_error;
};

} // namespace Orkestr
