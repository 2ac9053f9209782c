package io.strata.reconciler.web;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The web page parsed as XML (it is well-formed by design): a parse failure is a test failure, so
 * unescaped user text that broke the markup is caught, and XPath finds rows and cells.
 */
public final class XmlPage {
  private final Document doc;

  private XmlPage(Document doc) {
    this.doc = doc;
  }

  public static XmlPage parse(String html) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      return new XmlPage(f.newDocumentBuilder().parse(new InputSource(new StringReader(html))));
    } catch (Exception e) {
      throw new AssertionError("the page is not well-formed: " + e.getMessage() + "\n" + html, e);
    }
  }

  public List<Node> nodes(String xpath) {
    try {
      NodeList l =
          (NodeList)
              XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < l.getLength(); i++) {
        out.add(l.item(i));
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError(xpath, e);
    }
  }

  /** Text content of every match, whitespace collapsed. */
  public List<String> texts(String xpath) {
    return nodes(xpath).stream()
        .map(n -> n.getTextContent().replaceAll("\\s+", " ").strip())
        .toList();
  }

  /** Names of the volumes table's rows (their row headers). */
  public List<String> volumeRows() {
    return nodes("//table[contains(@class,'volumes')]/tbody/tr/th[@scope='row']").stream()
        .map(n -> n.getFirstChild().getTextContent().strip())
        .toList();
  }

  /** The cells of the volume row {@code name}: size, template, ready, replicas, access. */
  public List<String> volumeCells(String name) {
    return texts("//table[contains(@class,'volumes')]/tbody/tr[@id='volume-" + name + "']/td");
  }

  public String text() {
    return doc.getDocumentElement().getTextContent();
  }
}
