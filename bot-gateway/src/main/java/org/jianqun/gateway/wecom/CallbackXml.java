package org.jianqun.gateway.wecom;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads WeCom's callback XML, the outer envelope and the decrypted message alike, with a parser that
 * refuses any DOCTYPE (so no entity, internal or external, can expand: billion laughs and XXE both
 * stop at the first line), resolves nothing external and includes nothing. WeCom's XML is flat: the
 * root's child elements are all there is, read as name → text.
 */
public final class CallbackXml {
    public static final int MAX_BYTES = 1024 * 1024;
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private CallbackXml() {
    }

    /** The body as strict UTF-8, or MALFORMED; over the limit is TOO_LARGE. */
    public static String utf8(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new CallbackRefused(CallbackRefused.Reason.TOO_LARGE, "the body is over " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body is not UTF-8");
        }
    }

    /** The root element's children, name → text; MALFORMED for anything that is not plain XML. */
    public static Map<String, String> fields(String xml) {
        Document document;
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) { // a factory is not promised to be thread-safe; a builder per call is cheap
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(QUIET);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            document = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body is not plain XML (no DTD, no entities)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node n = document.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                fields.putIfAbsent(e.getTagName(), e.getTextContent());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    /** The envelope's {@code Encrypt} element, which is what msg_signature signs. */
    public static String encryptPart(byte[] body) {
        String encrypt = fields(utf8(body)).get("Encrypt");
        if (encrypt == null || encrypt.isBlank()) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body has no Encrypt element");
        }
        return encrypt.strip();
    }

    private static DocumentBuilderFactory hardenedFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            f.setValidating(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this JDK's XML parser cannot be hardened", e);
        }
    }

    /** Parse errors become exceptions, never lines on stderr. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
