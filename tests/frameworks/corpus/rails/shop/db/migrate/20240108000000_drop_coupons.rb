require_relative "20240106000000_create_coupons"

class DropCoupons < ActiveRecord::Migration[6.1]
  def change
    revert CreateCoupons
    revert do
      create_table :promotions do |t|
        t.jsonb :rules
      end
      add_column :users, :flagged, :boolean
    end
  end
end
