package dev.colineage.spark.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a run: {@code --master} (default {@code local[*]}) unless spark-submit already
 * chose one, the web UI off in local mode, and the driver on loopback in local mode so that a machine
 * without a resolvable host name still runs.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession start(String master) {
        SparkConf conf = new SparkConf(true).setAppName("colineage extract");
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
