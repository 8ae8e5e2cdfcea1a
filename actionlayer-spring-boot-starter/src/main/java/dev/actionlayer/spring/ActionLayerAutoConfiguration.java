package dev.actionlayer.spring;

import dev.actionlayer.ActionException;
import dev.actionlayer.ActionLayer;
import dev.actionlayer.audit.AsyncJsonLinesAuditSink;
import dev.actionlayer.audit.AuditSink;
import dev.actionlayer.audit.JsonLinesAuditSink;
import dev.actionlayer.audit.Slf4jAuditSink;
import dev.actionlayer.policy.Approver;
import dev.actionlayer.policy.Policy;
import dev.actionlayer.saga.RecoveryReport;
import dev.actionlayer.saga.SagaJournal;
import dev.actionlayer.tools.ToolCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * The starter's beans: an {@link ActionLayer} built from the {@code actionlayer.*} settings (closed
 * with the context, its unfinished sagas recovered before it is handed out), its
 * {@link ToolCatalog}, and the {@link AuditSink} the settings name. An application's own bean of
 * any of these types replaces the starter's. The application's {@link MeterRegistry},
 * {@link OpenTelemetry}, {@link DataSource} (for the jdbc journal) and {@link Approver} beans, when
 * it has exactly one of a type, are handed to the layer.
 */
@AutoConfiguration
@EnableConfigurationProperties(ActionLayerProperties.class)
public class ActionLayerAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ActionLayerAutoConfiguration.class);

  /** The audit sink of {@code actionlayer.audit.*}; a file sink is closed with the context. */
  @Bean
  @ConditionalOnMissingBean
  public AuditSink actionLayerAuditSink(ActionLayerProperties properties) {
    ActionLayerProperties.Audit audit = properties.getAudit();
    String type = audit.getType() == null ? "none" : audit.getType().strip();
    return switch (type) {
      case "none" -> AuditSink.NONE;
      case "slf4j" -> new Slf4jAuditSink();
      case "json-lines" -> openSink(audit, JsonLinesAuditSink::open);
      case "async-json-lines" -> openSink(audit, AsyncJsonLinesAuditSink::open);
      default -> throw new ActionLayerConfigurationException("actionlayer.audit.type",
          "must be none, slf4j, json-lines or async-json-lines");
    };
  }

  private static AuditSink openSink(ActionLayerProperties.Audit audit, java.util.function.Function<Path, AuditSink> open) {
    Path path = path("actionlayer.audit.path", audit.getPath(), "with actionlayer.audit.type " + audit.getType().strip());
    try {
      return open.apply(path);
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new ActionLayerConfigurationException("actionlayer.audit.path",
          "cannot be opened for appending (a missing directory, or no permission)");
    }
  }

  /**
   * The layer: the connections, policy, principal, journal and audit sink of the settings, then each
   * {@link ActionLayerBuilderCustomizer}; closed with the context. Unless
   * {@code actionlayer.journal.recover-on-startup} is false, the sagas a previous process left
   * unfinished are finished before the bean is returned.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ActionLayer actionLayer(ActionLayerProperties properties, ResourceLoader resources, AuditSink auditSink,
      ObjectProvider<ActionLayerBuilderCustomizer> customizers, ObjectProvider<DataSource> dataSources,
      ObjectProvider<Approver> approvers, ObjectProvider<MeterRegistry> meterRegistries,
      ObjectProvider<OpenTelemetry> openTelemetries) {
    ActionLayer.Builder builder = ActionLayer.builder().auditSink(auditSink);
    Map<String, ActionLayerProperties.Connection> connections = properties.getConnections();
    if (connections == null || connections.isEmpty()) {
      throw new ActionLayerConfigurationException("actionlayer.connections",
          "no connection configured; add actionlayer.connections.<name>.vendor (and its base-url and credentials)");
    }
    ConnectionFactory factory = new ConnectionFactory(resources);
    connections.forEach((name, c) -> builder.connection(name, factory.connector(name, c)));
    if (properties.getPrincipal() != null) {
      if (properties.getPrincipal().isBlank()) {
        throw new ActionLayerConfigurationException("actionlayer.principal", "is blank; leave it out for \"default\"");
      }
      builder.principal(properties.getPrincipal().strip());
    }
    if (properties.getPolicy() != null) builder.policy(policy(properties.getPolicy()));
    Approver approver = approvers.getIfUnique();
    if (approver != null) builder.approver(approver);
    MeterRegistry meterRegistry = meterRegistries.getIfUnique();
    if (meterRegistry != null) builder.meterRegistry(meterRegistry);
    OpenTelemetry openTelemetry = openTelemetries.getIfUnique();
    if (openTelemetry != null) builder.openTelemetry(openTelemetry);
    builder.recordToolArguments(properties.isRecordToolArguments());
    SagaJournal journal = journal(properties.getJournal(), dataSources);
    ActionLayer layer;
    try {
      builder.journal(journal);
      customizers.orderedStream().forEach(c -> c.customize(builder));
      layer = build(builder, properties.getPolicy() != null ? "actionlayer.policy" : "actionlayer");
    } catch (RuntimeException e) {
      journal.close(); // a file journal's lock must not outlive a failed start-up
      throw e;
    }
    if (properties.getJournal().isRecoverOnStartup()) recover(layer);
    return layer;
  }

  /** The layer's tool catalog, for language models (and the Spring AI tool callbacks). */
  @Bean
  @ConditionalOnMissingBean
  public ToolCatalog actionLayerToolCatalog(ActionLayer layer) {
    return layer.tools();
  }

  /**
   * Builds the layer. What the builder refuses once the connections are in is the policy (an
   * unknown connection, approval rules without an {@link Approver} bean) or a customizer's doing.
   */
  private static ActionLayer build(ActionLayer.Builder builder, String key) {
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The builder's messages name policy locations and connection names, never a credential.
      throw new ActionLayerConfigurationException(key, "the layer cannot be built: " + e.getMessage(), e);
    }
  }

  private static void recover(ActionLayer layer) {
    try {
      RecoveryReport report = layer.recover();
      if (report.sagas().isEmpty()) {
        log.info("actionlayer: no unfinished saga to recover");
      } else {
        log.warn("actionlayer: finished the sagas a previous process left unfinished: {}; residue: {} record(s)",
            report, report.residue().size());
      }
    } catch (RuntimeException e) {
      layer.close(); // the bean is never handed out: nothing else would close it
      if (!(e instanceof ActionException || e instanceof IllegalStateException || e instanceof UncheckedIOException)) {
        throw e;
      }
      // An ActionException's message is scrubbed of credentials by the pipeline; the others come
      // from the journal, which holds none.
      throw new ActionLayerConfigurationException("actionlayer.journal",
          "recovering the unfinished sagas at start-up failed: " + e.getMessage()
              + " (set actionlayer.journal.recover-on-startup=false to start without recovering)", e);
    }
  }

  private static Policy policy(String location) {
    Path path = path("actionlayer.policy", location, "");
    String json;
    try {
      json = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ActionLayerConfigurationException("actionlayer.policy",
          "cannot be read (no such file, no permission, or not UTF-8 text)");
    }
    try {
      return Policy.parse(json);
    } catch (IllegalArgumentException e) {
      // The reader names the JSON location and what is allowed there.
      throw new ActionLayerConfigurationException("actionlayer.policy", "is not a valid policy: " + e.getMessage());
    }
  }

  private static SagaJournal journal(ActionLayerProperties.Journal journal, ObjectProvider<DataSource> dataSources) {
    String type = journal.getType() == null ? "memory" : journal.getType().strip();
    switch (type) {
      case "memory":
        return SagaJournal.inMemory();
      case "file": {
        Path path = path("actionlayer.journal.path", journal.getPath(), "with actionlayer.journal.type file");
        try {
          return SagaJournal.file(path);
        } catch (UncheckedIOException e) {
          throw new ActionLayerConfigurationException("actionlayer.journal.path",
              "cannot be opened (a missing directory, no permission, or a damaged journal)");
        } catch (IllegalStateException e) {
          throw new ActionLayerConfigurationException("actionlayer.journal.path",
              "is in use by another process (a file journal serves one process; use jdbc to share)");
        }
      }
      case "jdbc": {
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
          throw new ActionLayerConfigurationException("actionlayer.journal.type",
              "jdbc needs the application's one DataSource bean (spring.datasource.*), and there is none or several");
        }
        try {
          return SagaJournal.jdbc(dataSource);
        } catch (IllegalStateException e) {
          // Names the missing artifact, or says the database is unreachable; never a password.
          throw new ActionLayerConfigurationException("actionlayer.journal.type", "jdbc: " + e.getMessage(), e);
        }
      }
      default:
        throw new ActionLayerConfigurationException("actionlayer.journal.type", "must be memory, file or jdbc");
    }
  }

  private static Path path(String key, String value, String when) {
    if (value == null || value.isBlank()) {
      throw new ActionLayerConfigurationException(key, "is required" + (when.isEmpty() ? "" : " " + when));
    }
    try {
      return Path.of(value.strip());
    } catch (InvalidPathException e) {
      throw new ActionLayerConfigurationException(key, "is not a valid path");
    }
  }
}
