package io.github.sparkbitbucket.read;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.metrics.ReadMetrics;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads one partition: runs its tasks concurrently (so a partition prefetches pages of several
 * key ranges or repositories while Spark consumes rows; the shared client caps requests per JVM
 * at {@code maxConcurrency}), and hands their rows to Spark through a bounded queue.
 */
final class BitbucketPartitionReader implements PartitionReader<InternalRow> {
  /**
   * Tasks of one partition run at most this many at a time (and at most maxConcurrency), so that
   * while some of a partition's tasks have ended or wait for Spark to take their rows, the others
   * keep the JVM's maxConcurrency requests in flight. Benchmark, full read of pull requests with
   * maxConcurrency 8 on 4 task slots: 4 gave a mean of 6.1 requests in flight, 8 gave 6.8 (7.2
   * with the emulator's CPU per page cut too).
   */
  static final int PREFETCH_TASKS = 8;
  private static final Object DONE = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(32);
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicLong produced = new AtomicLong();
  private final RequestStats stats;
  private final ExecutorService pool;
  private final int outputWidth;
  /** Decoder slots of the row image's columns, or null when the scan does not output it. */
  private final int[] imageSlots;
  private final long limit;
  private int running;
  private Iterator<Object[]> page = java.util.Collections.emptyIterator();
  private InternalRow current;
  private long rows;

  BitbucketPartitionReader(BitbucketPartition partition, ScanSpec spec, ReadOptions options,
      RowDecoder decoder) {
    // The driver's share for this partition, shared by its concurrent tasks (and their retries).
    this.stats = RequestStats.withBudget(partition.requestShare());
    this.imageSlots = spec.rowImage() ? spec.table().rowImageColumns().stream()
        .mapToInt(c -> decoder.slotOf(c.name())).toArray() : null;
    this.outputWidth = spec.countOnly() ? 1 : spec.required().size() + (spec.rowImage() ? 1 : 0);
    // LIMIT: any rows will do, so the partition stops after `limit`; top-N: each task (one per
    // repository) must deliver its own first `limit` rows in order, and stops by itself
    this.limit = spec.limit() < 0 || spec.sort() != null ? Long.MAX_VALUE : spec.limit();
    List<ReadTask> tasks = partition.tasks();
    if (spec.countOnly()) {
      for (ReadTask t : tasks) {
        queue.add(List.<Object[]>of(new Object[] {t.lo()}));
      }
      queue.add(DONE);
      running = 1;
      pool = null;
      return;
    }
    running = tasks.size();
    if (running == 0) {
      pool = null;
      return;
    }
    // LIMIT without a sort: the first task's first page usually holds enough rows, so the tasks
    // run one after another (a later one starts only if the limit is not reached yet): prefetching
    // other repositories' pages would be requests whose rows are thrown away
    int threads = limit != Long.MAX_VALUE ? 1 : Math.min(tasks.size(),
        Math.min(PREFETCH_TASKS, options.connection().maxConcurrency()));
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bitbucket-read");
      t.setDaemon(true);
      return t;
    });
    BitbucketClient client = BitbucketClient.shared(options.connection());
    int pageLen = spec.limit() >= 0 && spec.limit() < options.pageLen(spec.table().pageLenCap())
        ? Math.max(1, spec.limit()) : options.pageLen(spec.table().pageLenCap());
    for (ReadTask task : tasks) {
      pool.submit(() -> {
        Object end = DONE;
        try {
          if (produced.get() >= limit || stopped.get()) {
            queue.put(DONE); // the limit was reached by earlier tasks: no request
            return;
          }
          new PageFetcher(client, spec, decoder, stats, pageLen).run(task, rowsOfPage -> {
            if (stopped.get()) {
              return false;
            }
            queue.put(rowsOfPage);
            return produced.addAndGet(rowsOfPage.size()) < limit && !stopped.get();
          });
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Throwable e) {
          end = e;
        }
        try {
          if (!stopped.get()) {
            queue.put(end);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  @Override
  public boolean next() {
    if (rows >= limit) {
      return false;
    }
    while (!page.hasNext()) {
      if (running == 0) {
        return false;
      }
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while reading from Bitbucket", e);
      }
      if (item == DONE) {
        running--;
      } else if (item instanceof RuntimeException e) {
        throw e;
      } else if (item instanceof Throwable e) {
        throw new IllegalStateException(e.getMessage(), e);
      } else {
        @SuppressWarnings("unchecked")
        List<Object[]> list = (List<Object[]>) item;
        page = list.iterator();
      }
    }
    current = new GenericInternalRow(output(page.next()));
    rows++;
    return true;
  }

  /** The decoded slots as the output row: the required columns, then the row image if asked. */
  private Object[] output(Object[] slots) {
    Object[] values = slots.length == outputWidth ? slots : Arrays.copyOf(slots, outputWidth);
    if (imageSlots != null) {
      Object[] image = new Object[imageSlots.length];
      for (int i = 0; i < imageSlots.length; i++) {
        image[i] = slots[imageSlots[i]];
      }
      values[outputWidth - 1] = new GenericInternalRow(image);
    }
    return values;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return ReadMetrics.taskValues(stats, rows);
  }

  @Override
  public void close() {
    stopped.set(true);
    if (pool != null) {
      pool.shutdownNow();
    }
    queue.clear();
  }
}
