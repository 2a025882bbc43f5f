package dev.hookbridge.source;

import dev.hookbridge.common.NotFoundException;
import dev.hookbridge.common.Page;
import dev.hookbridge.crypto.SecretCipher;
import dev.hookbridge.signature.SignatureSchemes;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates, replaces, lists and deletes inbound sources, and hands the intake a ready-to-verify source. */
@Stateless
public class SourceService {

    private static final Logger LOG = Logger.getLogger(SourceService.class);

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    ActiveSourceCache cache;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    @ConfigProperty(name = "hookbridge.inbound.max-body-bytes")
    long globalMaxBodyBytes;

    /** Creates or replaces a source; answers whether it was created. */
    public boolean put(String name, SourceDefinition definition) {
        definition.validate();
        Instant now = Instant.now();
        Source source = em.find(Source.class, name);
        boolean created = source == null;
        if (created) {
            source = new Source(name, now);
        }
        source.apply(definition, definition.secrets().stream().map(cipher::encrypt).toList(), now);
        if (created) {
            em.persist(source);
        }
        forgetWhenDone(name);
        LOG.infof("Source %s %s (scheme %s, %d secrets)", name, created ? "created" : "replaced",
                definition.scheme(), definition.secrets().size());
        return created;
    }

    /** Creates the source unless one of that name exists (start-up bootstrap); answers whether it did. */
    public boolean createIfAbsent(String name, SourceDefinition definition) {
        return em.find(Source.class, name) == null && put(name, definition);
    }

    public SourceView get(String name) {
        return view(find(name));
    }

    public Page<SourceView> list(String after, int limit) {
        List<Source> rows = em.createQuery("select s from Source s where s.name > :after order by s.name", Source.class)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit + 1)
                .getResultList();
        return Page.of(rows, limit, Source::getName, this::view);
    }

    public void delete(String name) {
        em.remove(find(name));
        forgetWhenDone(name);
        LOG.infof("Source %s deleted (its inbox events are kept)", name);
    }

    /** The source ready to verify a request, or empty when no source has that name. */
    public Optional<ActiveSource> active(String name) {
        Source source = load(name);
        if (source == null) {
            return Optional.empty();
        }
        Map<String, String> schemeOptions = new LinkedHashMap<>(source.getOptions());
        IntakeOptions intake = IntakeOptions.from(schemeOptions.remove(SourceDefinition.OPTION_MEDIA_TYPES),
                schemeOptions.remove(SourceDefinition.OPTION_MAX_BODY_BYTES), globalMaxBodyBytes);
        return Optional.of(new ActiveSource(source.getName(),
                SignatureSchemes.create(source.getScheme(), schemeOptions),
                decrypt(source),
                Duration.ofSeconds(source.getToleranceSeconds()),
                Optional.ofNullable(source.getOrderingKey()).filter(k -> !k.isEmpty()),
                intake));
    }

    /**
     * The intake's cached copy of the source is dropped when this transaction completes (committed
     * or not), so from then on this node verifies with what the database holds.
     */
    private void forgetWhenDone(String name) {
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.invalidate(name);
            }
        });
    }

    /**
     * The source, or null when there is none; a lookup that FAILED is not taken for a missing source.
     * On WildFly, Hibernate answers null when the query failed and the transaction is already marked
     * for rollback (HHH-12472), e.g. on a pooled connection that broke after its last background
     * validation; that must be a 503 (retry), not a 404 (no such source).
     */
    private Source load(String name) {
        Source source = em.find(Source.class, name);
        if (source == null && transaction.getRollbackOnly()) {
            throw new PersistenceException("could not read source '" + name + "': the transaction is marked for rollback");
        }
        return source;
    }

    private Source find(String name) {
        Source source = load(name);
        if (source == null) {
            throw new NotFoundException("no source named '" + name + "'");
        }
        return source;
    }

    private SourceView view(Source source) {
        return SourceView.of(source, decrypt(source));
    }

    private List<String> decrypt(Source source) {
        return source.getSecretsEncrypted().stream().map(cipher::decrypt).toList();
    }
}
