CREATE TABLE `p.d.t2` AS SELECT LOWER(email) AS e FROM `p.d.t`
