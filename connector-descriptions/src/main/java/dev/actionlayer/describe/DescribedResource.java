package dev.actionlayer.describe;

import dev.actionlayer.Page;
import dev.actionlayer.TaskStatus;
import dev.actionlayer.spi.CallContext;
import dev.actionlayer.spi.CreateSafety;
import dev.actionlayer.spi.Json;
import dev.actionlayer.spi.Listable;
import dev.actionlayer.spi.Resource;
import dev.actionlayer.spi.Updatable;
import dev.actionlayer.spi.VendorRequest;
import dev.actionlayer.spi.VendorResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One described resource behind the SPI. The pipeline learns what a resource can do from the
 * interfaces it implements, so {@link #of} picks the subclass that implements {@link Updatable}
 * and {@link Listable} exactly when the description has an {@code update} and a {@code list}.
 */
class DescribedResource<N, R> implements Resource<N, R> {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

  final Spec.Vendor vendor;
  final Spec.Res res;
  final Map<String, String> config;

  DescribedResource(Spec.Vendor vendor, Spec.Res res, Map<String, String> config) {
    this.vendor = vendor;
    this.res = res;
    this.config = config;
  }

  static <N, R> Resource<N, R> of(Spec.Vendor vendor, Spec.Res res, Map<String, String> config) {
    if (res == null) return null;
    if (res.update() != null && res.list() != null) return new Full<>(vendor, res, config);
    if (res.update() != null) return new Changing<>(vendor, res, config);
    if (res.list() != null) return new Listing<>(vendor, res, config);
    return new DescribedResource<>(vendor, res, config);
  }

  Template.Values values(Map<String, Object> given) {
    Map<String, Object> all = new LinkedHashMap<>(given);
    config.forEach((name, value) -> all.put("config." + name, value));
    return new Template.Values(vendor, res, all);
  }

  @Override
  public VendorRequest create(N input, CallContext context) {
    Map<String, Object> given = res.kind().inputValues(input);
    String key = key(context.idempotencyKey());
    given.put("key", key);
    VendorRequest.Builder b = Template.build(res.create(), values(given));
    if (res.create().idempotencyHeader() != null) b.header(res.create().idempotencyHeader(), key);
    return b.build();
  }

  /** The call's key, within the vendor's length limit: a longer one becomes its name-based UUID (stable across attempts). */
  private String key(String key) {
    return key.length() <= res.create().keyMaxLength() ? key
        : UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public R readCreated(VendorResponse response, N input, CallContext context) throws IOException {
    return read(response);
  }

  @Override
  public VendorRequest get(String id) {
    return Template.build(res.get(), values(Map.of("id", id))).build();
  }

  @Override
  public R read(VendorResponse response) throws IOException {
    return record(res.record().first(body(response)));
  }

  @Override
  public VendorRequest delete(String id) {
    return Template.build(res.delete(), values(Map.of("id", id))).build();
  }

  @Override
  public CreateSafety createSafety() {
    if (res.create().idempotencyHeader() != null) return CreateSafety.KEYED;
    return res.find() != null ? CreateSafety.FINDABLE : CreateSafety.UNSAFE;
  }

  @Override
  public VendorRequest find(N input, CallContext context) {
    if (res.find() == null) return Resource.super.find(input, context);
    Map<String, Object> given = res.kind().inputValues(input);
    given.put("key", key(context.idempotencyKey()));
    return Template.build(res.find(), values(given)).build();
  }

  /** The first record found that carries the key where {@code match} points (any, without {@code match}). */
  @Override
  public R readFound(VendorResponse response, N input, CallContext context) throws IOException {
    if (res.find() == null) return Resource.super.readFound(response, input, context);
    String key = key(context.idempotencyKey());
    for (Object item : items(res.find().items().first(body(response)))) {
      Pointer match = res.find().match();
      if (match == null || match.all(item).stream().map(Pointer::text).anyMatch(key::equals)) return record(item);
    }
    return null;
  }

  static Object body(VendorResponse response) throws IOException {
    Object tree = Json.parseOrNull(response.bodyString());
    if (tree == null) throw new IOException("the answer is not JSON");
    return tree;
  }

  List<?> items(Object node) throws IOException {
    if (!(node instanceof List<?> list)) throw new IOException(vendor.name() + " answered without its list of " + res.kind().noun);
    return list;
  }

  /** The canonical record from one vendor record (a JSON object). */
  @SuppressWarnings("unchecked")
  R record(Object node) throws IOException {
    if (!(node instanceof Map<?, ?>)) throw new IOException(vendor.name() + " answered without a record");
    Map<String, Object> f = new LinkedHashMap<>();
    for (Map.Entry<String, Pointer> e : res.fields().entrySet()) {
      String name = e.getKey();
      if (name.equals("labels")) {
        List<String> labels = new ArrayList<>();
        for (Object v : e.getValue().all(node)) {
          String label = Pointer.text(v);
          if (label != null && !label.isEmpty()) labels.add(label);
        }
        f.put(name, labels);
        continue;
      }
      String text = e.getValue().string(node);
      if (text == null || text.isEmpty()) continue; // the canonical "none" is null, not ""
      if (name.equals("dueDate")) text = DATE.matcher(text).matches() ? text.substring(0, 10) : null;
      if (text != null) f.put(name, text);
    }
    if (!(f.get("id") instanceof String id) || id.isBlank()) {
      throw new IOException(vendor.name() + " answered without the record's id");
    }
    if (!f.containsKey("url") && res.urlTemplate() != null) f.put("url", url(f));
    TaskStatus status = null;
    String vendorStatus = null;
    if (res.status() != null) {
      Object raw = res.status().field().first(node);
      String text = Pointer.text(raw);
      status = text == null ? null : res.status().toCanonical().get(text);
      vendorStatus = raw instanceof String s ? s : null;
    }
    return (R) res.kind().record(f, status, vendorStatus);
  }

  /** The url template with the record's fields, each percent-encoded; null when one is missing. */
  private String url(Map<String, Object> fields) {
    Matcher m = Template.PLACEHOLDER.matcher(res.urlTemplate());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (!(fields.get(Template.placeholder(m).name()) instanceof String value)) return null;
      m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    return m.appendTail(out).toString();
  }

  // ---- update ---------------------------------------------------------------------------------

  VendorRequest update(String id, Object changes, CallContext context) {
    Map<String, Object> given = res.kind().changeValues(changes);
    given.put("id", id);
    VendorRequest status = null;
    if (given.get("status") instanceof TaskStatus s && !res.statusRequests().isEmpty()) {
      Spec.Request r = res.statusRequests().get(s);
      if (r == null) throw Template.unsupported(vendor, "status", "cannot be " + s.wireName() + " on " + vendor.name());
      status = Template.build(r, values(Map.of("id", id))).build();
      given.remove("status");
      if (given.size() == 1) return status; // only the status changes
    }
    Template.Values v = values(given);
    VendorRequest fields = Template.build(res.update(), v).build();
    List<String> unused = v.unused();
    if (!unused.isEmpty()) throw Template.unsupported(vendor, unused.get(0), "cannot be changed on " + vendor.name());
    if (status != null) {
      VendorResponse answer = context.exchange(status);
      if (!answer.isSuccessful()) throw context.failure(answer);
    }
    return fields;
  }

  /** The record in the answer, or null for an answer without one (a 204): the pipeline then reads it. */
  R readUpdated(VendorResponse response) throws IOException {
    return response.hasBody() && !response.bodyString().isBlank() ? read(response) : null;
  }

  // ---- list -----------------------------------------------------------------------------------

  VendorRequest list(Object query) {
    Map<String, Object> given = res.kind().queryValues(query);
    if (res.list().offsetCursor() && given.get("cursor") instanceof String c && !c.matches("\\d{1,9}")) {
      throw dev.actionlayer.ActionException.invalidField("cursor", "is not a cursor of this connection's pages");
    }
    Template.Values v = values(given);
    VendorRequest request = Template.build(res.list(), v).build();
    List<String> unused = v.unused();
    if (!unused.isEmpty()) throw Template.unsupported(vendor, unused.get(0), "cannot filter " + res.kind().noun + " on " + vendor.name());
    return request;
  }

  Page<R> readPage(VendorResponse response, Object query) throws IOException {
    Object tree = body(response);
    List<R> records = new ArrayList<>();
    for (Object item : items(res.list().items().first(tree))) records.add(record(item));
    Map<String, Object> given = res.kind().queryValues(query);
    String next;
    if (res.list().offsetCursor()) {
      int size = Integer.parseInt((String) given.get("pageSize"));
      int offset = given.get("cursor") instanceof String c ? Integer.parseInt(c) : 0;
      next = records.size() < size ? null : String.valueOf(offset + records.size());
    } else {
      next = res.list().cursor().string(tree);
    }
    return new Page<>(records, next);
  }

  static class Changing<N, R> extends DescribedResource<N, R> implements Updatable<Object, R> {
    Changing(Spec.Vendor vendor, Spec.Res res, Map<String, String> config) {
      super(vendor, res, config);
    }

    @Override
    public VendorRequest update(String id, Object changes, CallContext context) {
      return super.update(id, changes, context);
    }

    @Override
    public R readUpdated(VendorResponse response, String id, Object changes, CallContext context) throws IOException {
      return super.readUpdated(response);
    }
  }

  static final class Listing<N, R> extends DescribedResource<N, R> implements Listable<Object, R> {
    Listing(Spec.Vendor vendor, Spec.Res res, Map<String, String> config) {
      super(vendor, res, config);
    }

    @Override
    public VendorRequest list(Object query, CallContext context) {
      return super.list(query);
    }

    @Override
    public Page<R> readPage(VendorResponse response, Object query, CallContext context) throws IOException {
      return super.readPage(response, query);
    }
  }

  static final class Full<N, R> extends Changing<N, R> implements Listable<Object, R> {
    Full(Spec.Vendor vendor, Spec.Res res, Map<String, String> config) {
      super(vendor, res, config);
    }

    @Override
    public VendorRequest list(Object query, CallContext context) {
      return super.list(query);
    }

    @Override
    public Page<R> readPage(VendorResponse response, Object query, CallContext context) throws IOException {
      return super.readPage(response, query);
    }
  }
}
